import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { formatDiagnostic, loadDesiredState } from "../config/index.js";
import { DEFAULT_TEMPLATE, generate, linksText, profilesText, writeProfiles, type ProfileOptions } from "../profiles/index.js";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import { liveAccountIds, withIds } from "../profiles/live-ids.js";
import { UserError } from "./errors.js";

interface ProfilesFlags {
  template: string;
  sourceProfile: string;
  region?: string;
  mfaSerial?: string;
  write?: string | boolean;
  links?: boolean;
  offline?: boolean;
  user?: string;
}

const HELP = `
Roles are included when their trust lets an account's root principal assume them (people
signing in to that account); roles trusted only by services or other roles are not.
With --write, profiles go into a block between "# BEGIN orgctl profiles" and
"# END orgctl profiles" that each run replaces; everything else in the file is kept, and
a profile name already used outside the block is not written.
A profile shows the declared IAM groups whose policies (inline, and customer managed ones
the YAML declares; AWS managed policies are not read) let their members assume the role,
when the role trusts the group's account; --user keeps only the roles that user's groups give.`;

export function register(program: Command): void {
  program
    .command("profiles")
    .description("Print ~/.aws/config profiles (or console switch-role links) for the roles people assume")
    .argument("[path]", "a YAML file or a directory (default: ./orgctl.yaml if present, else .)")
    .option("--template <name>", "profile name; placeholders <account>, <role>, <accountId>", DEFAULT_TEMPLATE)
    .option("--source-profile <name>", "profile with the credentials that assume the roles", "default")
    .option("--region <region>", "region for the profiles (default: settings.region)")
    .option("--mfa-serial <arn>", "your MFA device ARN, for roles that require MFA")
    .option("--write [file]", "merge the profiles into this file (default: $AWS_CONFIG_FILE or ~/.aws/config)")
    .option("--links", "print console switch-role links instead of profiles")
    .option("--user <name>", "only the roles this IAM user's declared groups let them assume")
    .option("--offline", "do not read the organization for the ids of accounts the YAML lists without one")
    .addHelpText("after", HELP)
    .action(async (input: string | undefined, flags: ProfilesFlags) => {
      const loaded = await loadDesiredState(input ?? (existsSync("orgctl.yaml") ? "orgctl.yaml" : "."));
      for (const d of [...loaded.errors, ...loaded.warnings]) process.stderr.write(formatDiagnostic(d) + "\n");
      if (!loaded.state) throw new UserError(`invalid desired state: ${loaded.errors.length} error(s)`);
      if (!/<role>/.test(flags.template)) throw new UserError("--template must contain <role>, or every role of an account gets the same name");

      const { state, notes: readNotes } = flags.offline ? { state: loaded.state, notes: [] } : await withLiveIds(loaded.state);
      const { roles, notes } = generate(state, flags.user);
      notes.unshift(...readNotes);
      const opts: ProfileOptions = {
        template: flags.template,
        sourceProfile: flags.sourceProfile,
        region: flags.region ?? loaded.state.settings.region,
        ...(flags.mfaSerial ? { mfaSerial: flags.mfaSerial } : {}),
      };
      if (flags.links) process.stdout.write(linksText(roles, flags.template, notes));
      if (flags.write) {
        const file = typeof flags.write === "string" ? flags.write : configFile();
        const count = await writeProfiles(file, roles, opts, notes).catch((err: Error) => {
          throw new UserError(`${file}: ${err.message}`);
        });
        process.stdout.write(`wrote ${count} profile${count === 1 ? "" : "s"} to ${file}\n`);
      } else if (!flags.links) {
        process.stdout.write(profilesText(roles, opts));
      }
      for (const note of notes) process.stderr.write(`note: ${note}\n`);
      process.exitCode = 0;
    });
}

/**
 * Accounts listed without an id (orgctl created them) get theirs from the live organization,
 * found by email. Without AWS access the profiles are still printed, those accounts noted.
 */
async function withLiveIds(state: DesiredState): Promise<{ state: DesiredState; notes: string[] }> {
  if (state.accounts.every((a) => a.id !== undefined)) return { state, notes: [] };
  const broker = new SessionBroker({ accessRole: state.organization?.accessRole ?? DEFAULT_ACCESS_ROLE });
  const clients = new ClientFactory(broker);
  try {
    const caller = await broker.callerIdentity();
    const management = state.organization?.managementAccount ?? caller.account;
    const ids = await liveAccountIds(state, await clients.organizations(management));
    return { state: withIds(state, ids), notes: [] };
  } catch (err) {
    return { state, notes: [`the organization could not be read for the ids of accounts listed without one (${(err as Error).message.split("\n")[0]})`] };
  } finally {
    clients.destroy();
  }
}

function configFile(): string {
  return process.env.AWS_CONFIG_FILE || path.join(os.homedir(), ".aws", "config");
}
