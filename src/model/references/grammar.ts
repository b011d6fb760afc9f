// The reference grammar: `${kind:target}` inside any string of the desired state names a
// value orgctl knows or learns during apply (an account id, a role or policy ARN, an AppConfig
// id). It extends the `${account:<key>}` placeholder the engine already writes for accounts
// still to be created, so one syntax covers what the user writes and what the plan carries.
//
//   ${account:<account key>}                    the account's 12-digit id
//   ${role:<account key>/<role name>}           arn:aws:iam::<id>:role<path><name>
//   ${policy:<account key>/<policy name>}       arn:aws:iam::<id>:policy<path><name>
//   ${policy:<policy name>}                     the same, in the account of the role or group naming it
//   ${app:<application>}                        AppConfig application id
//   ${environment:<application>/<environment>}  AppConfig environment id
//   ${profile:<application>/<profile>}          AppConfig configuration profile id
//
// Inside policy documents, IAM's own policy variables pass through untouched: ${aws:…},
// ${saml:…}, ${sts:…}, ${iam:…}, ${ec2:…}, ${s3:…}, an identity provider's keys
// (${token.actions.githubusercontent.com:sub}), and the escapes ${*} ${?} ${$}. Anything
// else written as `${…}` is refused: it would reach AWS as literal text.

export type Reference =
  | { kind: "account"; account: string }
  | { kind: "role"; account: string; name: string }
  /** Without an account: the policy in the account of the role or group that names it. */
  | { kind: "policy"; account?: string; name: string }
  | { kind: "app"; app: string }
  | { kind: "environment"; app: string; name: string }
  | { kind: "profile"; app: string; name: string };

export type ReferenceKind = Reference["kind"];

export const REFERENCE_KINDS: readonly ReferenceKind[] = ["account", "role", "policy", "app", "environment", "profile"];

/** One `${…}` in a string: an orgctl reference, an IAM policy variable, or neither. */
export type Token =
  | { type: "reference"; text: string; index: number; reference: Reference }
  | { type: "iam-variable"; text: string; index: number }
  | { type: "malformed"; text: string; index: number; problem: string };

/** The forms, as an error message lists them. */
export const REFERENCE_FORMS =
  "${account:<account>}, ${role:<account>/<role>}, ${policy:<account>/<policy>}, ${policy:<policy>}, ${app:<application>}, ${environment:<application>/<environment>}, ${profile:<application>/<profile>}";

// Linear: no nested quantifiers; the body stops at the first "}" or the next "${".
const OPENING = "${";
const IAM_ESCAPES = new Set(["*", "?", "$"]);
/** IAM condition keys usable as policy variables: a vendor (or an identity provider's host) and a key, maybe a default. */
const IAM_VARIABLE = /^(?:aws|saml|sts|iam|ec2|s3|[a-z0-9-]+(?:\.[a-z0-9-]+)+):[\w/.:@-]+(?:\s*,\s*'[^']*')?$/i;
const PART = /^[^/\s{}$]+$/;

/** Every `${…}` in `text`, in order. Each search resumes where the last one stopped: linear time. */
export function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  let close = -2;
  let next = -2;
  for (;;) {
    const index = text.indexOf(OPENING, from);
    if (index < 0) return tokens;
    if (close !== -1 && close < index + 2) close = text.indexOf("}", index + 2);
    if (next !== -1 && next < index + 2) next = text.indexOf(OPENING, index + 2);
    if (close < 0 || (next >= 0 && next < close)) {
      const end = next >= 0 ? next : text.length;
      tokens.push({ type: "malformed", text: text.slice(index, end), index, problem: "has no closing }" });
      from = index + 2;
      continue;
    }
    const raw = text.slice(index, close + 1);
    tokens.push(classify(raw.slice(2, -1), raw, index));
    from = close + 1;
  }
}

function classify(body: string, text: string, index: number): Token {
  const colon = body.indexOf(":");
  const kind = colon < 0 ? body : body.slice(0, colon);
  if ((REFERENCE_KINDS as readonly string[]).includes(kind)) {
    if (colon < 0) return { type: "malformed", text, index, problem: `needs a target: \${${kind}:…}` };
    const reference = parseTarget(kind as ReferenceKind, body.slice(colon + 1));
    if (typeof reference === "string") return { type: "malformed", text, index, problem: reference };
    return { type: "reference", text, index, reference };
  }
  if (IAM_ESCAPES.has(body) || IAM_VARIABLE.test(body)) return { type: "iam-variable", text, index };
  return { type: "malformed", text, index, problem: "is not a reference orgctl knows" };
}

/** The reference, or why its target does not fit its kind. */
function parseTarget(kind: ReferenceKind, target: string): Reference | string {
  const parts = target.split("/");
  const ok = parts.every((p) => PART.test(p));
  const one = parts.length === 1 && ok;
  const two = parts.length === 2 && ok;
  switch (kind) {
    case "account":
      return one ? { kind, account: target } : "must be ${account:<account>}";
    case "role":
      return two ? { kind, account: parts[0]!, name: parts[1]! } : "must be ${role:<account>/<role name>}";
    case "policy":
      if (one) return { kind, name: target };
      return two ? { kind, account: parts[0]!, name: parts[1]! } : "must be ${policy:<account>/<policy name>} or ${policy:<policy name>}";
    case "app":
      return one ? { kind, app: target } : "must be ${app:<application>}";
    case "environment":
    case "profile":
      return two ? { kind, app: parts[0]!, name: parts[1]! } : `must be \${${kind}:<application>/<${kind}>}`;
  }
}

/** The text of a reference, as written and as it stands in a plan until resolved. */
export function formatReference(ref: Reference): string {
  switch (ref.kind) {
    case "account":
      return `\${account:${ref.account}}`;
    case "role":
      return `\${role:${ref.account}/${ref.name}}`;
    case "policy":
      return ref.account === undefined ? `\${policy:${ref.name}}` : `\${policy:${ref.account}/${ref.name}}`;
    case "app":
      return `\${app:${ref.app}}`;
    case "environment":
    case "profile":
      return `\${${ref.kind}:${ref.app}/${ref.name}}`;
  }
}
