// The grammar AWS accepts for each Organizations policy type, read from its documents:
// what MalformedPolicyDocumentException refuses. One reading, used by the emulator (to
// refuse as AWS does) and by orgctl's validation (to refuse before apply). Sources:
// - SCPs: Organizations User Guide, "SCP syntax" (orgs_manage_policies_scps_syntax): elements
//   Version, Statement, Sid, Effect, Action/NotAction, Resource/NotResource, Condition;
//   Principal and NotPrincipal are not supported.
// - RCPs: Organizations User Guide, "RCP syntax" (orgs_manage_policies_rcps_syntax): elements
//   Version, Statement, Sid, Effect, Principal, Action, Resource/NotResource, Condition; the
//   Principal must be "*"; NotAction and NotPrincipal are not supported; the effect Allow is
//   only supported for the AWS managed RCPFullAWSAccess.
// - Management policies (tag, backup, AI opt-out, chatbot, declarative, …): Organizations User
//   Guide, "Management policy syntax and inheritance" (orgs_manage_policies_inheritance_mgmt):
//   the inheritance operators are @@assign, @@append, @@remove and
//   @@operators_allowed_for_child_policies; "Tag policy syntax" (top-level "tags", each with
//   tag_key / tag_value / enforced_for / report_required_tag_for); "Backup policy syntax"
//   (top-level "plans"); "AI services opt-out policy syntax" (top-level "services").
import { aTypeLabel, isGuardrailType, type PolicyType } from "./types.js";

export interface GrammarProblem {
  /** Where in the document, e.g. ["Statement", 1, "Principal"]; [] for the document itself. */
  path: (string | number)[];
  /** A sentence that reads on its own. */
  message: string;
}

/** "Statement[1].Principal: message", or the bare message for the whole document. */
export function problemText(problem: GrammarProblem): string {
  const label = problem.path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
  return label === "" ? problem.message : `${label}: ${problem.message}`;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

const SCP_ELEMENTS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const RCP_ELEMENTS = ["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"];
const OPERATORS = ["@@assign", "@@append", "@@remove", "@@operators_allowed_for_child_policies"];
const TAG_ENTRY_KEYS = ["tag_key", "tag_value", "enforced_for", "report_required_tag_for", "@@operators_allowed_for_child_policies"];
const TOP_LEVEL: Partial<Record<PolicyType, string>> = { TAG_POLICY: "tags", BACKUP_POLICY: "plans", AISERVICES_OPT_OUT_POLICY: "services" };

/** Problems with a policy document's grammar; the document is already parsed JSON. */
export function grammarProblems(type: PolicyType, doc: Json): GrammarProblem[] {
  if (!isObject(doc)) return [{ path: [], message: "the policy must be one JSON object" }];
  return isGuardrailType(type) ? guardrailProblems(type, doc) : managementProblems(type, doc);
}

/** Problems with a policy's text: it must parse as one JSON object, then follow its type's grammar. */
export function contentProblems(type: PolicyType, content: string): GrammarProblem[] {
  let doc: Json;
  try {
    doc = JSON.parse(content);
  } catch {
    return [{ path: [], message: "the policy is not valid JSON" }];
  }
  return grammarProblems(type, doc);
}

function guardrailProblems(type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY", doc: Record<string, Json>): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  const kind = type === "SERVICE_CONTROL_POLICY" ? "an SCP" : "an RCP";
  for (const key of Object.keys(doc)) {
    if (key !== "Version" && key !== "Statement") problems.push({ path: [key], message: `${key} is not an element of ${kind} (only Version and Statement)` });
  }
  if (doc.Version !== "2012-10-17") problems.push({ path: ["Version"], message: `${kind} needs "Version": "2012-10-17"` });
  const raw = doc.Statement;
  if (raw === undefined) return [...problems, { path: [], message: `${kind} needs a Statement` }];
  const statements = Array.isArray(raw) ? raw : [raw];
  if (statements.length === 0) problems.push({ path: ["Statement"], message: "Statement must hold at least one statement" });
  statements.forEach((s, i) => {
    const at = Array.isArray(raw) ? ["Statement", i] : ["Statement"];
    if (!isObject(s)) problems.push({ path: at, message: "a statement must be an object" });
    else problems.push(...statementProblems(type, s, at));
  });
  return problems;
}

function statementProblems(type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY", s: Record<string, Json>, at: (string | number)[]): GrammarProblem[] {
  const scp = type === "SERVICE_CONTROL_POLICY";
  const elements = scp ? SCP_ELEMENTS : RCP_ELEMENTS;
  const kind = scp ? "SCPs" : "RCPs";
  const problems: GrammarProblem[] = [];
  for (const key of Object.keys(s)) {
    if (!elements.includes(key)) problems.push({ path: [...at, key], message: `${key} is not supported in ${kind}` });
  }
  if (s.Effect !== "Allow" && s.Effect !== "Deny") problems.push({ path: [...at, "Effect"], message: 'Effect must be "Allow" or "Deny"' });
  else if (!scp && s.Effect === "Allow") problems.push({ path: [...at, "Effect"], message: 'RCP statements must be "Deny": AWS supports "Allow" only in RCPFullAWSAccess' });
  const actions = ["Action", "NotAction"].filter((k) => k in s && elements.includes(k));
  if (actions.length !== 1) problems.push({ path: at, message: scp ? "a statement needs exactly one of Action or NotAction" : "a statement needs an Action" });
  const resources = ["Resource", "NotResource"].filter((k) => k in s);
  if (resources.length !== 1) problems.push({ path: at, message: "a statement needs exactly one of Resource or NotResource" });
  for (const key of [...actions, ...resources]) {
    if (!isStringOrList(s[key])) problems.push({ path: [...at, key], message: `${key} must be a string or a non-empty list of strings` });
  }
  if ("Condition" in s && !isObject(s.Condition)) problems.push({ path: [...at, "Condition"], message: "Condition must be an object of condition operators" });
  if (!scp) {
    const principal = s.Principal;
    const star = principal === "*" || (isObject(principal) && Object.keys(principal).length === 1 && principal.AWS === "*");
    if (principal === undefined) problems.push({ path: at, message: 'an RCP statement needs "Principal": "*"' });
    else if (!star) problems.push({ path: [...at, "Principal"], message: 'Principal must be "*" in an RCP (name principals with conditions such as aws:PrincipalOrgID instead)' });
  }
  return problems;
}

function isStringOrList(v: Json): boolean {
  return typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string"));
}

function managementProblems(type: PolicyType, doc: Record<string, Json>): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  const top = TOP_LEVEL[type];
  if (top !== undefined) {
    if (!isObject(doc[top])) problems.push({ path: [top], message: `${aTypeLabel(type)} needs a top-level "${top}" object` });
    for (const key of Object.keys(doc)) {
      if (key !== top) problems.push({ path: [key], message: `${key} is not a top-level key of ${aTypeLabel(type)} (only "${top}")` });
    }
  }
  if (type === "TAG_POLICY" && isObject(doc.tags)) {
    for (const [name, entry] of Object.entries(doc.tags)) {
      if (!isObject(entry)) {
        problems.push({ path: ["tags", name], message: `tag ${name} must be an object` });
        continue;
      }
      for (const key of Object.keys(entry)) {
        if (!TAG_ENTRY_KEYS.includes(key)) problems.push({ path: ["tags", name, key], message: `${key} is not a tag policy key (${TAG_ENTRY_KEYS.slice(0, 4).join(", ")})` });
      }
    }
  }
  problems.push(...operatorProblems(doc, []));
  return problems;
}

/** Every "@@" key anywhere must be one of the inheritance operators. */
function operatorProblems(node: Json, at: (string | number)[]): GrammarProblem[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => operatorProblems(v, [...at, i]));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const path = [...at, key];
    const own = key.startsWith("@@") && !OPERATORS.includes(key) ? [{ path, message: `${key} is not an inheritance operator (${OPERATORS.join(", ")})` }] : [];
    return [...own, ...operatorProblems(value, path)];
  });
}
