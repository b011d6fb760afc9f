// Hand-built desired states for reader tests, so they do not depend on the YAML loader.
// Thin variants of the engine builders: empty by default, roles requiring MFA, units by path.
import type { AccountSpec, AppConfigAppSpec, DesiredState, RoleSpec } from "../../src/model/types.js";
import { account as baseAccount, app as baseApp, desired, loc, role as baseRole } from "../fixtures/engine-factory.js";

export function account(key: string, fields: Partial<AccountSpec> & { email: string }): AccountSpec {
  return { ...baseAccount(key), ...fields };
}

export function role(name: string, accounts: string[], fields: Partial<RoleSpec> = {}): RoleSpec {
  const base = baseRole(name, accounts);
  return { ...base, trust: { ...base.trust!, requireMfa: true }, ...fields };
}

export function app(name: string, accountKey: string, region: string, fields: Partial<AppConfigAppSpec> = {}): AppConfigAppSpec {
  return baseApp({ name, account: accountKey, region, environments: [], profiles: [], ...fields });
}

export function desiredState(fields: Partial<DesiredState> & { managementAccount: string; units?: string[] }): DesiredState {
  const { managementAccount, units = [], ...rest } = fields;
  return desired({
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
    digest: "0".repeat(64),
    ...rest,
  });
}

export { loc };
