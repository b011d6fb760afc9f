// When two policy documents are the same policy: SCPs and RCPs use the IAM policy language,
// so they compare like IAM policies (string-or-list, order of statements and actions,
// Principal "*" forms: src/engine/policy.ts); management policies (tag, backup, …) are plain
// JSON and compare as canonical JSON (key order not meaningful). AWS keeps the text as sent.
import { canonicalJson } from "../../../engine/canonical.js";
import { normalizePolicy } from "../../../engine/policy.js";
import type { PolicyDocument } from "../../../model/types.js";
import { parseJsonText } from "../../../model/json-text.js";
import { isGuardrailType, type PolicyType } from "../../../policy/org/types.js";

function isPolicyDocument(doc: unknown): doc is PolicyDocument {
  return typeof doc === "object" && doc !== null && "Statement" in doc;
}

/**
 * The document in the form two equal policies share. Text that does not parse, or nests
 * deeper than any real policy (a hand-made live policy), stays as it is: never walked.
 */
export function canonicalContent(type: PolicyType, content: string | unknown): string {
  let doc: unknown = content;
  if (typeof content === "string") {
    const parsed = parseJsonText(content);
    if ("problem" in parsed) return content;
    doc = parsed.value;
  }
  if (isGuardrailType(type) && isPolicyDocument(doc)) return canonicalJson(normalizePolicy(doc));
  return canonicalJson(doc);
}

export function contentEqual(type: PolicyType, a: string | unknown, b: string | unknown): boolean {
  return canonicalContent(type, a) === canonicalContent(type, b);
}
