// Validate rules for customer managed policies, groups, OpenID Connect providers and the
// role attributes that name them (boundary, instance profile, GitHub trust): IAM's names,
// quotas and shapes, uniqueness per account, and that whatever a role or group names by
// `${policy:<name>}` (or a bare declared name) exists in every account it lands in.
import { repeatedMessage, repeatedNames } from "./policy-name-case.js";
import { normalizePolicy } from "../engine/policy.js";
import { GITHUB_OIDC_HOST } from "../model/github-trust.js";
import { scan } from "../model/references/grammar.js";
import { targetAccounts } from "../model/targets.js";
import type { AccountSpec, DesiredState, GroupSpec, OidcProviderSpec, PolicySpec, RoleSpec, RoleTargets } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { policySize } from "./iam-rules.js";
import { at as label } from "./path-label.js";
import { lintPolicy } from "./policy-lint.js";

// IAM User Guide, "IAM and AWS STS quotas"; botocore iam 2010-05-08 (policyNameType, groupNameType, …).
const NAME = /^[\w+=,.@-]+$/;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH = /^(\/|\/[\x21-\x7E]+\/)$/;
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;
const MAX_POLICY = 6144;
export const MAX_GROUP_INLINE = 5120;
const MAX_MANAGED = 10;
const MAX_TAGS = 50;
const MAX_AUDIENCES = 100;
const MAX_THUMBPRINTS = 5;

type Err = (path: (string | number)[], msg: string, key?: boolean) => void;

const errOf = (ctx: CheckContext, spec: object): Err => (path, msg, key = false) => {
  const at = originOf(ctx, spec, ...path);
  errorAt(ctx, at, label(at.path, msg), key);
};

export function checkIamResources(ctx: CheckContext): void {
  const { state } = ctx;
  const complete = ctx.incomplete.size === 0;
  for (const p of state.policies) checkPolicy(errOf(ctx, p), ctx, p);
  for (const g of state.groups) checkGroup(errOf(ctx, g), ctx, g);
  for (const o of state.oidcProviders) checkOidcProvider(errOf(ctx, o), o);
  for (const r of state.roles) checkRoleAttributes(errOf(ctx, r), r);
  if (!complete) return;
  checkUnique(ctx, state.policies, (p) => p.name.toLowerCase(), (p) => `policy "${p.name}"`, "name");
  checkUnique(ctx, state.groups, (g) => g.name.toLowerCase(), (g) => `group "${g.name}"`, "name");
  checkUnique(ctx, state.oidcProviders, (o) => providerKey(o.url), (o) => `OIDC provider ${o.url}`, "url");
  const policiesIn = declaredIn(state, state.policies, (p) => p.name.toLowerCase());
  const githubIn = declaredIn(state, state.oidcProviders, (o) => providerKey(o.url));
  for (const holder of [...state.roles, ...state.groups]) {
    const err = errOf(ctx, holder);
    const accounts = targetAccounts(state.accounts, holder.targets);
    holder.managedPolicies.forEach((ref, i) => checkOwnPolicy(err, ["managedPolicies", i], ref, accounts, policiesIn));
    if ("permissionsBoundary" in holder && holder.permissionsBoundary !== undefined)
      checkOwnPolicy(err, ["permissionsBoundary"], holder.permissionsBoundary, accounts, policiesIn);
    if ("trust" in holder && holder.trust?.github) {
      const missing = accounts.filter((a) => !githubIn.has(`${a.key}/${GITHUB_OIDC_HOST}`));
      if (missing.length > 0)
        err(["trust", "github"], `no OIDC provider for https://${GITHUB_OIDC_HOST} is declared for account${missing.length > 1 ? "s" : ""} ${missing.map((a) => `"${a.key}"`).join(", ")} (declare it under oidcProviders; adopt: true takes over one made by hand)`);
    }
  }
}

/** The provider's identity: its URL without scheme and trailing slash, as IAM's ARN ends. */
const providerKey = (url: string) => url.replace(/^https:\/\//i, "").replace(/\/+$/, "").toLowerCase();

/** `<account key>/<key>` for every account each spec lands in. */
function declaredIn<T extends { targets: RoleTargets }>(state: Pick<DesiredState, "accounts">, specs: T[], keyOf: (s: T) => string): Set<string> {
  return new Set(specs.flatMap((s) => targetAccounts(state.accounts, s.targets).map((a) => `${a.key}/${keyOf(s)}`)));
}

/** An account-less `${policy:<name>}` must land wherever its holder does. */
function checkOwnPolicy(err: Err, path: (string | number)[], ref: string, accounts: AccountSpec[], policiesIn: Set<string>): void {
  for (const token of scan(ref)) {
    if (token.type !== "reference" || token.reference.kind !== "policy" || token.reference.account !== undefined) continue;
    const name = token.reference.name;
    const missing = accounts.filter((a) => !policiesIn.has(`${a.key}/${name.toLowerCase()}`));
    if (missing.length > 0)
      err(path, `policy "${name}" is not declared for account${missing.length > 1 ? "s" : ""} ${missing.map((a) => `"${a.key}"`).join(", ")}, where this is created (add them to the policy's "in")`);
  }
}

function checkUnique<T extends { targets: RoleTargets }>(ctx: CheckContext, specs: T[], keyOf: (s: T) => string, what: (s: T) => string, field: string): void {
  const first = new Map<string, T>();
  for (const spec of specs) {
    for (const account of targetAccounts(ctx.state.accounts, spec.targets)) {
      const id = `${account.key}\0${keyOf(spec)}`;
      const prev = first.get(id);
      if (!prev) {
        first.set(id, spec);
        continue;
      }
      if (prev === spec) continue;
      errOf(ctx, spec)([field], `${what(spec)} is already declared for account "${account.key}" (IAM names ignore case)`);
      break;
    }
  }
}

function checkNameAndPath(err: Err, name: string, path: string, what: string, max: number): void {
  if (name.length === 0 || name.length > max || !NAME.test(name)) err(["name"], `"${name}" is not a valid ${what} name (1-${max} characters: letters, digits and +=,.@_-)`);
  if (path.length > 512 || !PATH.test(path)) err(["path"], `"${path}" is not a valid path ("/" or "/segment/.../", at most 512 characters)`);
}

function checkPolicy(err: Err, ctx: CheckContext, p: PolicySpec): void {
  checkNameAndPath(err, p.name, p.path, "policy", 128);
  lintPolicy(ctx, p.document, "permission", originOf(ctx, p, "document"));
  const size = policySize(p.document);
  if (size > MAX_POLICY) err(["document"], `policy is ${size} characters; IAM allows ${MAX_POLICY} for a managed policy (white space not counted)`);
  if (Object.keys(p.tags).length > MAX_TAGS) err(["tags"], `${Object.keys(p.tags).length} tags; IAM allows ${MAX_TAGS} per policy`);
}

function checkGroup(err: Err, ctx: CheckContext, g: GroupSpec): void {
  checkNameAndPath(err, g.name, g.path, "group", 128);
  for (const r of repeatedNames(Object.keys(g.inlinePolicies))) err(["inlinePolicies", r.name], repeatedMessage(r), true);
  let total = 0;
  for (const [name, doc] of Object.entries(g.inlinePolicies)) {
    if (!/^[\w+=,.@-]{1,128}$/.test(name)) err(["inlinePolicies", name], `"${name}" is not a valid policy name (1-128 characters: letters, digits and +=,.@_-)`, true);
    lintPolicy(ctx, doc, "permission", originOf(ctx, g, "inlinePolicies", name));
    // IAM counts what is sent: the canonical form, where every Action and Resource is a list.
    total += policySize(normalizePolicy(doc));
  }
  if (total > MAX_GROUP_INLINE) err(["inlinePolicies"], `inline policies total ${total} characters; IAM allows ${MAX_GROUP_INLINE} per group (white space not counted)`);
  if (g.managedPolicies.length > MAX_MANAGED) err(["managedPolicies"], `${g.managedPolicies.length} managed policies; IAM allows ${MAX_MANAGED} per group`);
  g.members.forEach((m, i) => {
    if (!USER_NAME.test(m)) err(["members", i], `"${m}" is not a valid IAM user name (1-64 characters: letters, digits and +=,.@_-)`);
  });
  const dupes = g.members.filter((m, i) => g.members.findIndex((x) => x.toLowerCase() === m.toLowerCase()) !== i);
  if (dupes.length > 0) err(["members"], `${dupes[0]} is listed twice (IAM user names ignore case)`);
}

function checkOidcProvider(err: Err, o: OidcProviderSpec): void {
  if (o.url.length > 255) err(["url"], "must be at most 255 characters");
  if (o.audiences.length > MAX_AUDIENCES) err(["audiences"], `${o.audiences.length} audiences; IAM allows ${MAX_AUDIENCES} per provider`);
  o.audiences.forEach((a, i) => {
    if (a.length > 255) err(["audiences", i], "must be at most 255 characters");
  });
  if (o.thumbprints.length > MAX_THUMBPRINTS) err(["thumbprints"], `${o.thumbprints.length} thumbprints; IAM allows ${MAX_THUMBPRINTS} per provider`);
  o.thumbprints.forEach((t, i) => {
    if (!THUMBPRINT.test(t)) err(["thumbprints", i], "must be 40 hexadecimal characters (the certificate's SHA-1)");
  });
  if (Object.keys(o.tags).length > MAX_TAGS) err(["tags"], `${Object.keys(o.tags).length} tags; IAM allows ${MAX_TAGS} per provider`);
}

function checkRoleAttributes(err: Err, r: RoleSpec): void {
  if (r.instanceProfile) {
    const { name, path } = r.instanceProfile;
    if (!/^[\w+=,.@-]{1,128}$/.test(name)) err(["instanceProfile"], `"${name}" is not a valid instance profile name (1-128 characters: letters, digits and +=,.@_-)`);
    if (path.length > 512 || !PATH.test(path)) err(["instanceProfile"], `"${path}" is not a valid path ("/" or "/segment/.../", at most 512 characters)`);
  }
}
