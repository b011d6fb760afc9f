import { accountIdOf, expandRoles, targetAccounts } from "../model/targets.js";
import type { AccountSpec, RoleSpec } from "../model/types.js";
import { errorAt, originOf, warnAt, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";

const ACCOUNT_ID = /^\d{12}$/;
/** A role outside the desired state (IAM User Guide, "IAM identifiers": role ARNs, paths and names). */
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:[\x21-\x7E]+\/)?[\w+=,.@-]{1,64}$/;

/** Every name that refers to another part of the desired state must exist, and names that must be unique are. */
export function checkReferences(ctx: CheckContext): void {
  const { state } = ctx;
  const accountKeys = new Set(state.accounts.map((a) => a.key));
  const unitPaths = new Set(state.organization?.units.map((u) => u.path) ?? []);
  const knownAccount = (ref: string) => accountKeys.has(ref) || ctx.incomplete.has("accounts") || ctx.incomplete.has(`accounts:${ref}`);
  const knownUnit = (ref: string) => unitPaths.has(ref) || ctx.incomplete.has("organization");
  const unknownAccount = (ref: string) => `unknown account "${ref}"${suggest(ref, accountKeys)}`;
  // Roles per account key, by lower-cased name (IAM role names are unique regardless of case).
  const declared = new Set(ctx.incomplete.size === 0 ? expandRoles(state).map(({ account, role }) => `${account.key}/${role.name.toLowerCase()}`) : []);
  /**
   * A trust naming a role in an account the desired state manages must name a role the
   * YAML puts there: anything else cannot exist once apply has run, and IAM refuses a trust
   * policy whose role principal does not exist, mid-apply. Accounts it does not hold (an id
   * only) are not read, so their roles are taken on trust.
   */
  const declaredRole = (account: string, name: string): boolean => {
    if (ctx.incomplete.size > 0) return true;
    const key = accountKeys.has(account) ? account : state.accounts.find((a) => a.id === account)?.key;
    return key === undefined || declared.has(`${key}/${name.toLowerCase()}`);
  };

  for (const a of state.accounts) {
    if (a.unit !== null && !knownUnit(a.unit)) {
      const at = originOf(ctx, a, "unit");
      errorAt(ctx, at, label(at.path, `unknown unit "${a.unit}"${suggest(a.unit, unitPaths)}`));
    }
  }
  for (const role of state.roles) {
    const lists = [
      ["in", "accounts", role.targets.accounts, knownAccount, unknownAccount],
      ["in", "units", role.targets.units, knownUnit, (r: string) => `unknown unit "${r}"${suggest(r, unitPaths)}`],
      ["trust", "accounts", role.trust?.accounts ?? [], (r: string) => ACCOUNT_ID.test(r) || knownAccount(r), unknownAccount],
    ] as const;
    let broken = false;
    for (const [section, field, refs, known, message] of lists) {
      refs.forEach((ref, i) => {
        if (known(ref)) return;
        broken = true;
        const at = originOf(ctx, role, section, field, i);
        errorAt(ctx, at, label(at.path, message(ref)));
      });
    }
    (role.trust?.roles ?? []).forEach((ref, i) => {
      const at = originOf(ctx, role, "trust", "roles", i);
      if (ref.startsWith("arn:")) {
        if (!ROLE_ARN.test(ref)) errorAt(ctx, at, label(at.path, `"${ref}" is not a role ARN (arn:aws:iam::<account id>:role/<name>)`));
        return;
      }
      const [account, name, ...rest] = ref.split("/");
      if (!account || !name || rest.length > 0) errorAt(ctx, at, label(at.path, `"${ref}" must be "<account>/<role name>" or a role ARN`));
      else if (!ACCOUNT_ID.test(account) && !knownAccount(account)) errorAt(ctx, at, label(at.path, unknownAccount(account)));
      else if (!declaredRole(account, name)) {
        const id = accountIdOf(state, account) ?? "<account id>";
        errorAt(ctx, at, label(at.path, `no role "${name}" is declared for account "${account}" (a role orgctl does not manage is named by its ARN: arn:aws:iam::${id}:role/${name})`));
      }
    });
    if (!broken && ctx.incomplete.size === 0 && targetAccounts(state.accounts, role.targets).length === 0) {
      const at = originOf(ctx, role, "in");
      warnAt(ctx, at, label(at.path, `role "${role.name}" selects no account`));
    }
  }
  // Policies, groups and OIDC providers are placed like roles.
  for (const spec of [...state.policies, ...state.groups, ...state.oidcProviders]) {
    let broken = false;
    for (const [field, refs, known, message] of [
      ["accounts", spec.targets.accounts, knownAccount, unknownAccount],
      ["units", spec.targets.units, knownUnit, (r: string) => `unknown unit "${r}"${suggest(r, unitPaths)}`],
    ] as const) {
      refs.forEach((ref, i) => {
        if (known(ref)) return;
        broken = true;
        const at = originOf(ctx, spec, "in", field, i);
        errorAt(ctx, at, label(at.path, message(ref)));
      });
    }
    if (!broken && ctx.incomplete.size === 0 && targetAccounts(state.accounts, spec.targets).length === 0) {
      const at = originOf(ctx, spec, "in");
      warnAt(ctx, at, label(at.path, `${"url" in spec ? `OIDC provider ${spec.url}` : `"${spec.name}"`} selects no account`));
    }
  }
  for (const spec of [...state.appconfig, ...(state.strategies ?? [])]) {
    if (!knownAccount(spec.account)) {
      const at = originOf(ctx, spec, "account");
      errorAt(ctx, at, label(at.path, unknownAccount(spec.account)));
    }
  }
  checkUniqueAccounts(ctx, state.accounts);
  checkUniqueRoles(ctx);
}

function checkUniqueAccounts(ctx: CheckContext, accounts: AccountSpec[]): void {
  for (const field of ["email", "id"] as const) {
    const first = new Map<string, AccountSpec>();
    for (const a of accounts) {
      const value = a[field];
      if (value === undefined) continue;
      const norm = value.toLowerCase();
      const prev = first.get(norm);
      if (!prev) {
        first.set(norm, a);
        continue;
      }
      const at = originOf(ctx, a, field);
      errorAt(ctx, at, label(at.path, `${field} ${value} is also used by account "${prev.key}" (${where(prev.loc)})`));
    }
  }
}

function checkUniqueRoles(ctx: CheckContext): void {
  // The first role's location is only read for a duplicate: locating builds the file's syntax tree.
  const first = new Map<string, RoleSpec>();
  const reported = new Set<object>();
  for (const { account, role } of expandRoles(ctx.state)) {
    // IAM role names are unique per account regardless of case.
    const id = `${account.key}\0${role.name.toLowerCase()}`;
    const prev = first.get(id);
    if (!prev) {
      first.set(id, role);
      continue;
    }
    if (reported.has(role)) continue;
    reported.add(role);
    const at = originOf(ctx, role, "name");
    errorAt(ctx, at, label(at.path, `role "${role.name}" is already defined for account "${account.key}" at ${where(prev.loc)}`));
  }
}

function where(loc: { file: string; line: number; col: number }): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** ", did you mean ..." for a near miss (same letters ignoring case, or one edit away). */
function suggest(ref: string, known: Set<string>): string {
  const lower = ref.toLowerCase();
  for (const k of known) if (k.toLowerCase() === lower || editDistance(k.toLowerCase(), lower) === 1) return ` (did you mean "${k}"?)`;
  return "";
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
