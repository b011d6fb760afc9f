// A synthetic organisation of n accounts: the desired state as YAML files (a few OUs,
// 5 roles selected by unit, one role in the config account alone, one AppConfig
// application there) and the emulator snapshot of the same organisation as it stands
// before orgctl manages roles. The same accounts also come as an organization-only YAML.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot } from "../src/emulator/index.js";

export const MANAGEMENT_ID = "111111111111";
const CONFIG_ID = "222222222222";
const UNITS = ["Workloads/Dev", "Workloads/Prod", "Sandbox", "Security"];
const ROLES = ["administrator", "read-only", "deployer", "auditor", "break-glass"];

export interface SyntheticOrg {
  dir: string;
  /** The same organization and accounts, with no roles, no AppConfig and prune off. */
  orgOnlyDir: string;
  snapshot: Snapshot;
  accounts: number;
}

function accountId(i: number): string {
  return String(300_000_000_000 + i * 7919).padStart(12, "0");
}

export function generateOrg(size: number, root: string): SyntheticOrg {
  const dir = path.join(root, `org-${size}`);
  mkdirSync(dir, { recursive: true });
  const members = Array.from({ length: size }, (_, i) => ({
    key: `acct-${String(i).padStart(5, "0")}`,
    id: accountId(i),
    unit: UNITS[i % UNITS.length]!,
    env: i % 2 === 0 ? "dev" : "prod",
  }));

  const accountLines = members.map(
    (m) => `  ${m.key}: { id: "${m.id}", email: aws+${m.key}@example.com, unit: ${m.unit}, tags: { env: ${m.env} } }`,
  );
  writeFileSync(path.join(dir, "accounts.yaml"), `accounts:\n${accountLines.join("\n")}\n`);
  writeFileSync(path.join(dir, "orgctl.yaml"), orgctlYaml());
  const orgOnlyDir = path.join(root, `org-only-${size}`);
  mkdirSync(orgOnlyDir, { recursive: true });
  writeFileSync(path.join(orgOnlyDir, "accounts.yaml"), `accounts:\n${accountLines.join("\n")}\n`);
  writeFileSync(path.join(orgOnlyDir, "orgctl.yaml"), orgctlYaml().split("\nroles:\n")[0] + "\n");

  const snapshot: Snapshot = {
    formatVersion: 1,
    organizations: {
      managementAccountId: MANAGEMENT_ID,
      maxAccounts: size + 10,
      units: ["Deployments", "Workloads", ...UNITS].map((p) => ({ path: p })),
      accounts: [
        { id: MANAGEMENT_ID, name: "management", email: "aws+management@example.com" },
        { id: CONFIG_ID, name: "config", email: "aws+config@example.com", unit: "Deployments" },
        ...members.map((m) => ({ id: m.id, name: m.key, email: `aws+${m.key}@example.com`, unit: m.unit, tags: { env: m.env } })),
      ],
    },
  };
  return { dir, orgOnlyDir, snapshot, accounts: size + 2 };
}

/** Edits the config account's own role (its inline policy): a change confined to one role in one account. */
export function changeOneRole(dir: string): void {
  edit(path.join(dir, "orgctl.yaml"), "Action: appconfig:GetLatestConfiguration", "Action: [appconfig:GetLatestConfiguration, appconfig:StartConfigurationSession]");
}

/** Retags the first generated account: one Organizations change. */
export function changeOneTag(dir: string): void {
  edit(path.join(dir, "accounts.yaml"), "acct-00000: { id: \"300000000000\", email: aws+acct-00000@example.com, unit: Workloads/Dev, tags: { env: dev } }", "acct-00000: { id: \"300000000000\", email: aws+acct-00000@example.com, unit: Workloads/Dev, tags: { env: staging } }");
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

function orgctlYaml(): string {
  const roles = ROLES.map(
    (name, i) => `  - name: ${name}
    in: { units: [${i % 2 === 0 ? "Workloads, Sandbox, Security" : "Workloads"}] }
    trust: { accounts: [management]${name === "administrator" ? ", requireMfa: true" : ""} }
    managedPolicies: [${name === "administrator" || name === "break-glass" ? "AdministratorAccess" : "ReadOnlyAccess"}]`,
  );
  roles.push(`  - name: config-reader
    in: { accounts: [config] }
    trust: { accounts: [management] }
    inlinePolicies:
      read-config:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: appconfig:GetLatestConfiguration
            Resource: "*"`);
  // A fixed owner: the bench commits this folder to git half-way, which would change a derived one.
  return `include: [accounts.yaml]
settings: { owner: orgctl-bench }
organization:
  managementAccount: "${MANAGEMENT_ID}"
  accessRole: OrganizationAccountAccessRole
  units: { Deployments: {}, Sandbox: {}, Security: {}, Workloads: { units: { Dev: {}, Prod: {} } } }
accounts:
  management: { id: "${MANAGEMENT_ID}", email: aws+management@example.com, name: management }
  config: { id: "${CONFIG_ID}", email: aws+config@example.com, unit: Deployments }
roles:
${roles.join("\n")}
appconfig:
  Catalog:
    account: config
    region: eu-west-1
    environments: [development, production]
    profiles:
      Settings:
        versions: { v1: { content: { featureEnabled: false } } }
        deploy:
          development: { version: v1, strategy: AppConfig.AllAtOnce }
`;
}
