// The validate-time checks of organization.policies and friends, each reported at its YAML
// node with file:line:col: references (units, accounts), the content rules (size, grammar;
// content.ts), the attachment limits (attachments.ts), delegated administrators, and the
// lockout guard — a guardrail that would deny orgctl the calls it needs in a member account
// is refused at the statement that does it (src/model/org-policy/guard.ts).
import { findLockouts } from "../../model/org-policy/guard.js";
import { placements, targetLabel } from "../../model/org-policy/placement.js";
import { desiredPolicyTypes, policyText, type OrgPoliciesSpec, type OrgPolicySpec, type PolicyTargets } from "../../model/org-policy/spec.js";
import { problemText } from "../../policy/org/grammar.js";
import { isPolicyType } from "../../policy/org/types.js";
import { errorAt, originOf, type CheckContext } from "../check-context.js";
import { at as label } from "../path-label.js";
import type { Segment } from "../source.js";
import { attachmentFindings } from "./attachments.js";
import { contentFindings } from "./content.js";

const ACCOUNT_ID = /^\d{12}$/;
/** At most 50 tags per resource (Organizations API Reference, TagResource). */
const MAX_TAGS = 50;

export function checkOrgPolicies(ctx: CheckContext): void {
  const spec = ctx.state.organization?.policies;
  if (!spec || ctx.incomplete.size > 0) return;
  const err = (owner: object, path: Segment[], message: string, key = false) => {
    const at = originOf(ctx, owner, ...path);
    errorAt(ctx, at, label(at.path, message), key);
  };
  for (const policy of spec.policies) checkPolicy(ctx, policy, err);
  checkTargets(ctx, spec, ["fullAWSAccess", "detachFrom"], spec.managedDetachedFrom.SERVICE_CONTROL_POLICY, err);
  checkDelegated(ctx, spec, err);
  const problems = ctx.diags.errors.length;
  checkAttachments(ctx, spec, err);
  if (ctx.diags.errors.length === problems) checkLockout(ctx, spec, err);
}

type Err = (owner: object, path: Segment[], message: string, key?: boolean) => void;

function checkPolicy(ctx: CheckContext, policy: OrgPolicySpec, err: Err): void {
  checkTargets(ctx, policy, ["targets"], policy.targets, err);
  if (Object.keys(policy.tags).length > MAX_TAGS) err(policy, ["tags"], `${Object.keys(policy.tags).length} tags; Organizations allows ${MAX_TAGS} per policy`);
  if (policy.document === undefined || !isPolicyType(policy.type)) return;
  for (const f of contentFindings(policy.type, policy.document, policyText(policy.document))) {
    if (policy.file !== undefined) err(policy, ["file"], `file ${JSON.stringify(policy.file)}: ${problemText(f)}`);
    else err(policy, ["content", ...f.path], f.message);
  }
}

function checkTargets(ctx: CheckContext, owner: object, base: Segment[], targets: PolicyTargets | undefined, err: Err): void {
  if (!targets) return;
  const units = new Set(ctx.state.organization?.units.map((u) => u.path) ?? []);
  const accounts = new Set(ctx.state.accounts.map((a) => a.key));
  targets.units.forEach((u, i) => {
    if (!units.has(u)) err(owner, [...base, "units", i], `unknown unit "${u}"`);
  });
  targets.accounts.forEach((a, i) => {
    if (!accounts.has(a) && !ACCOUNT_ID.test(a)) err(owner, [...base, "accounts", i], `unknown account "${a}"`);
  });
}

function checkDelegated(ctx: CheckContext, spec: OrgPoliciesSpec, err: Err): void {
  const management = ctx.state.organization?.managementAccount;
  for (const d of spec.delegatedAdministrators) {
    const account = ctx.state.accounts.find((a) => a.key === d.account || (a.id !== undefined && a.id === d.account));
    if (!account && !ACCOUNT_ID.test(d.account)) err(d, ["account"], `unknown account "${d.account}"`);
    const id = account?.id ?? (ACCOUNT_ID.test(d.account) ? d.account : undefined);
    if (id !== undefined && id === management) err(d, ["account"], "the management account cannot be a delegated administrator (AWS: CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR)");
    if (!spec.trustedServices.includes(d.servicePrincipal)) {
      err(d, ["service"], `${d.servicePrincipal} needs trusted access first: list it under organization.trustedServices (AWS: SERVICE_ACCESS_NOT_ENABLED)`);
    }
  }
}

function checkAttachments(ctx: CheckContext, spec: OrgPoliciesSpec, err: Err): void {
  const placed = placements(ctx.state, spec).map((p) => ({ target: targetLabel(p.target), type: p.type, policies: p.policies.map((x) => x.name) }));
  for (const finding of attachmentFindings(placed, desiredPolicyTypes(spec))) {
    // Reported where the YAML made it so: the last policy of that type attached there, or the FullAWSAccess replacement.
    const last = [...spec.policies].reverse().find((p) => p.type === finding.type && placed.some((x) => x.target === finding.target && x.policies.includes(p.name)));
    if (last && finding.message.includes("AWS allows at most")) err(last, ["targets"], finding.message);
    else err(spec, replacedAt(spec, finding.target), finding.message);
  }
}

/** The detachFrom entry that takes FullAWSAccess off a target, or the fullAWSAccess block. */
function replacedAt(spec: OrgPoliciesSpec, target: string): Segment[] {
  const from = spec.managedDetachedFrom.SERVICE_CONTROL_POLICY;
  const unit = from?.units.indexOf(target) ?? -1;
  if (unit >= 0) return ["fullAWSAccess", "detachFrom", "units", unit];
  const account = from?.accounts.findIndex((a) => `account ${a}` === target) ?? -1;
  if (account >= 0) return ["fullAWSAccess", "detachFrom", "accounts", account];
  return from?.root && target === "Root" ? ["fullAWSAccess", "detachFrom", "root"] : ["fullAWSAccess"];
}

function checkLockout(ctx: CheckContext, spec: OrgPoliciesSpec, err: Err): void {
  const management = ctx.state.organization?.managementAccount ?? "000000000000";
  const [first] = findLockouts(ctx.state, spec, `arn:aws:iam::${management}:root`);
  if (!first) return;
  const { decision } = first.lockout;
  const policy = decision.explicit ? spec.policies.find((p) => p.name === decision.policy) : undefined;
  if (policy && decision.explicit) {
    const doc = policy.document;
    const listed = typeof doc === "object" && doc !== null && "Statement" in doc && Array.isArray(doc.Statement);
    const statement = listed ? ["Statement", decision.statementIndex] : ["Statement"];
    err(policy, policy.file !== undefined ? ["file"] : ["content", ...statement], first.message);
  } else err(spec, spec.managedDetachedFrom.SERVICE_CONTROL_POLICY ? ["fullAWSAccess"] : ["policies"], first.message, true);
}
