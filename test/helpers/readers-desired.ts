// Hand-built desired states for reader tests, so they do not depend on the YAML loader.
import type { AccountSpec, AppConfigAppSpec, DesiredState, RoleSpec } from "../../src/model/types.js";

const loc = { file: "orgctl.yaml", line: 1, col: 1 };

export function account(key: string, fields: Partial<AccountSpec> & { email: string }): AccountSpec {
  return { key, name: key, unit: null, tags: {}, loc, ...fields };
}

export function role(name: string, accounts: string[], fields: Partial<RoleSpec> = {}): RoleSpec {
  return {
    name,
    path: "/",
    targets: { accounts, units: [], tags: {} },
    trust: { accounts: ["management"], roles: [], services: [], requireMfa: true },
    inlinePolicies: {},
    managedPolicies: [],
    maxSessionDuration: 3600,
    tags: {},
    adopt: false,
    loc,
    ...fields,
  };
}

export function app(name: string, accountKey: string, region: string, fields: Partial<AppConfigAppSpec> = {}): AppConfigAppSpec {
  return { name, account: accountKey, region, tags: {}, environments: [], profiles: [], adopt: false, loc, ...fields };
}

export function desiredState(fields: Partial<DesiredState> & { managementAccount: string; units?: string[] }): DesiredState {
  const { managementAccount, units = [], ...rest } = fields;
  return {
    organization: {
      managementAccount,
      accessRole: "OrganizationAccountAccessRole",
      units: units.map((path) => ({
        path,
        name: path.slice(path.lastIndexOf("/") + 1),
        parent: path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : null,
        tags: {},
        loc,
      })),
      loc,
    },
    accounts: [],
    roles: [],
    appconfig: [],
    settings: { prune: false, region: "eu-west-1" },
    files: ["orgctl.yaml"],
    digest: "0".repeat(64),
    ...rest,
  };
}

export { loc };
