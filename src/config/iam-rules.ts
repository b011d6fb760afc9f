import { repeatedMessage, repeatedNames } from "./policy-name-case.js";
import { normalizePolicy } from "../engine/policy.js";
import { trustPolicy } from "../model/trust.js";
import type { RoleSpec } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";
import { lintPolicy } from "./policy-lint.js";

// IAM quotas and name rules (IAM User Guide, "IAM and AWS STS quotas"; CreateRole API).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^(\/|\/[\x21-\x7E]+\/)$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const MAX_TRUST_POLICY = 2048;
export const MAX_INLINE_TOTAL = 10240;
const MAX_MANAGED = 10;
const MAX_TAGS = 50;
const SESSION = { min: 3600, max: 43200 };
/** Stands in for accounts without an id yet: every id has the same length. */
const PLACEHOLDER_ID = "000000000000";

/** The characters IAM accepts in a policy document (the API's policyDocumentType pattern). */
const POLICY_CHARACTER = /[^\t\n\r\x20-\xFF]/u;

/** Why IAM would refuse the document's characters, or undefined (typographic quotes and dashes are the usual culprits). */
function badCharacter(doc: unknown): string | undefined {
  const found = POLICY_CHARACTER.exec(JSON.stringify(doc));
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `contains "${found[0]}" (U+${code}); IAM accepts only tab, line breaks and U+0020-U+00FF in policies`;
}

/** IAM size characters: AWS does not count white space. */
export function policySize(doc: unknown): number {
  return JSON.stringify(doc).replace(/\s/g, "").length;
}

export function checkIamRules(ctx: CheckContext): void {
  for (const role of ctx.state.roles) checkRole(ctx, role);
}

function checkRole(ctx: CheckContext, role: RoleSpec): void {
  const err = (path: (string | number)[], msg: string, key = false) => {
    const at = originOf(ctx, role, ...path);
    errorAt(ctx, at, label(at.path, msg), key);
  };
  if (!ROLE_NAME.test(role.name)) err(["name"], `"${role.name}" is not a valid role name (1-64 characters: letters, digits and +=,.@_-)`);
  if (role.path.length > 512 || !ROLE_PATH.test(role.path)) err(["path"], `"${role.path}" is not a valid path ("/" or "/segment/.../", at most 512 characters)`);
  if ((role.trust === undefined) === (role.assumeRolePolicy === undefined)) {
    err([], `role "${role.name}" needs exactly one of "trust" or "assumeRolePolicy"`);
  }
  if (role.trust) {
    const t = role.trust;
    const groups = t.groups?.length ?? 0;
    if (t.accounts.length + t.roles.length + groups + t.services.length === 0 && !t.github) err(["trust"], "trust must name at least one account, role, group, service or GitHub repository");
    if (t.externalId !== undefined && !EXTERNAL_ID.test(t.externalId)) {
      err(["trust", "externalId"], "externalId must be 2-1224 characters: letters, digits and +=,.@:/-");
    }
    if ((t.services.length > 0 || t.github) && (t.requireMfa || t.externalId !== undefined) && t.accounts.length + t.roles.length + groups === 0) {
      err(["trust"], "requireMfa and externalId apply to accounts, roles and groups; a service principal or a GitHub workflow cannot satisfy them");
    }
  }
  if (role.assumeRolePolicy) lintPolicy(ctx, role.assumeRolePolicy, "trust", originOf(ctx, role, "assumeRolePolicy"));
  const trustDoc = role.trust ? trustPolicy(role.trust, (ref) => (/^\d{12}$/.test(ref) ? ref : PLACEHOLDER_ID)) : role.assumeRolePolicy;
  const trustBad = role.assumeRolePolicy && badCharacter(role.assumeRolePolicy);
  if (trustBad) err(["assumeRolePolicy"], `trust policy ${trustBad}`);
  if (trustDoc && policySize(trustDoc) > MAX_TRUST_POLICY) {
    err([role.trust ? "trust" : "assumeRolePolicy"], `trust policy is ${policySize(trustDoc)} characters; IAM allows ${MAX_TRUST_POLICY} (white space not counted)`);
  }
  for (const r of repeatedNames(Object.keys(role.inlinePolicies))) err(["inlinePolicies", r.name], repeatedMessage(r), true);
  let inlineTotal = 0;
  for (const [name, doc] of Object.entries(role.inlinePolicies)) {
    if (!POLICY_NAME.test(name)) err(["inlinePolicies", name], `"${name}" is not a valid policy name (1-128 characters: letters, digits and +=,.@_-)`, true);
    lintPolicy(ctx, doc, "permission", originOf(ctx, role, "inlinePolicies", name));
    const bad = badCharacter(doc);
    if (bad) err(["inlinePolicies", name], `policy ${bad}`);
    // IAM counts what is sent: the canonical form, where every Action and Resource is a list.
    inlineTotal += policySize(normalizePolicy(doc));
  }
  if (inlineTotal > MAX_INLINE_TOTAL) {
    err(["inlinePolicies"], `inline policies total ${inlineTotal} characters; IAM allows ${MAX_INLINE_TOTAL} per role (white space not counted)`);
  }
  if (role.managedPolicies.length > MAX_MANAGED) {
    err(["managedPolicies"], `${role.managedPolicies.length} managed policies; IAM allows ${MAX_MANAGED} per role`);
  }
  const dupes = role.managedPolicies.filter((p, i) => role.managedPolicies.indexOf(p) !== i);
  if (dupes.length > 0) err(["managedPolicies"], `${dupes[0]} is listed twice`);
  if (!Number.isInteger(role.maxSessionDuration) || role.maxSessionDuration < SESSION.min || role.maxSessionDuration > SESSION.max) {
    err(["maxSessionDuration"], `must be between ${SESSION.min} and ${SESSION.max} seconds`);
  }
  if (Object.keys(role.tags).length > MAX_TAGS) err(["tags"], `${Object.keys(role.tags).length} tags; IAM allows ${MAX_TAGS} per role`);
}
