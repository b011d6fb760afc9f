import path from "node:path";
import type { Command } from "commander";
import { ClientFactory } from "../aws/clients.js";
import { defaultRegion } from "../aws/client-config.js";
import { SessionBroker } from "../aws/session.js";
import { importDesiredState } from "../import/index.js";
import { writeOutput } from "../import/output.js";
import { DEFAULT_ACCESS_ROLE } from "../model/types.js";

interface ImportFlags {
  out: string;
  accounts?: string;
  roles?: string;
  appconfig?: boolean;
  region?: string;
  appconfigRegions?: string;
  accessRole: string;
  sensitive: string[];
}

const HELP = `
What the written desired state plans to:
  Existing roles, customer managed policies, OIDC providers and AppConfig applications
  become managed by orgctl only through an explicit adopt step: import writes them with
  "adopt: true". So the first "orgctl plan <dir>" shows exactly one "adopt" change per
  imported resource (per account) not yet tagged orgctl:managed, and nothing else; after
  "orgctl apply" has tagged them, "orgctl plan <dir>" shows no changes (exit 0).
  IAM groups (with their policies and members) and the instance profile a role is in
  are written too; groups carry no tags, so an imported group plans to nothing, and
  orgctl never deletes a group.

Not imported: service-linked roles (/aws-service-role/), AWS reserved roles
(/aws-reserved/), the access role, the role import runs as, and AppConfig profiles
that are not AWS.Freeform or use Lambda validators. Deploy pins keep what each
environment runs; the strategy of a past deployment is not recorded (new deployments
use the default, AppConfig.AllAtOnce).
Run it with the management account's credentials.`;

export function register(program: Command): void {
  program
    .command("import")
    .description("Write a desired state (YAML) from the live organization, IAM (roles, policies, groups, OIDC providers) and AppConfig applications")
    .requiredOption("--out <dir>", "new (or empty) directory to write orgctl.yaml, roles.yaml and appconfig/ into")
    .option("--accounts <list>", "comma-separated account keys (slugified account names) or ids whose roles/apps to import (default: all)")
    .option("--roles <glob>", "only roles whose name matches this pattern (* and ?)")
    .option("--appconfig", "also import AppConfig applications (in --region)")
    .option("--region <region>", "settings.region, and the region AppConfig is read in (default: AWS_REGION or us-east-1)")
    .option("--appconfig-regions <list>", "comma-separated regions AppConfig is read in (default: --region); an application found the same in several is written with regions: [...]")
    .option("--access-role <name>", "role orgctl assumes in member accounts", DEFAULT_ACCESS_ROLE)
    .option("--sensitive <glob>", 'mark the versions of matching profiles ("<application>/<profile>", * and ?) sensitive: true (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .addHelpText("after", HELP)
    .action(async (flags: ImportFlags) => {
      const region = flags.region ?? defaultRegion({});
      const clients = new ClientFactory(new SessionBroker({ accessRole: flags.accessRole }));
      try {
        const result = await importDesiredState(clients, {
          accessRole: flags.accessRole,
          region,
          ...(flags.accounts ? { accounts: flags.accounts.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
          ...(flags.roles ? { roles: flags.roles } : {}),
          ...(flags.appconfig ? { appconfigRegions: flags.appconfigRegions ? [...new Set(flags.appconfigRegions.split(",").map((s) => s.trim()).filter(Boolean))] : [region] } : {}),
          ...(flags.sensitive.length > 0 ? { sensitive: flags.sensitive } : {}),
        });
        await writeOutput(flags.out, result.files);
        for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
        const { accounts, roles, applications } = result.counts;
        process.stdout.write(
          `wrote ${path.join(flags.out, "orgctl.yaml")}: ${accounts} accounts, ${roles} role definitions, ${applications} AppConfig applications\n` +
            `next: orgctl plan ${flags.out}  (shows only adopt changes; after apply, none)\n`,
        );
        process.exitCode = 0;
      } finally {
        clients.destroy();
      }
    });
}
