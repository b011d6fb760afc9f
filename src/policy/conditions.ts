// IAM policy Condition blocks, for the operators trust policies and guardrails use. An
// operator we do not model yields "unknown" so the caller can fail closed. Shared by the
// emulator's authorizer and orgctl's plan-time lockout guard, so both read a policy alike.
type ConditionBlock = Record<string, Record<string, unknown>>;

/** Request context: lower-cased condition key → value(s); absent keys are not present. */
export type RequestContext = Map<string, string[]>;

export type ConditionResult = true | false | "unknown";

function values(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** `*` any run of characters, `?` one character; used for StringLike, actions and ARNs alike. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

type Matcher = (expected: string, actual: string) => boolean;

const POSITIVE: Record<string, Matcher> = {
  stringequals: (e, a) => e === a,
  stringequalsignorecase: (e, a) => e.toLowerCase() === a.toLowerCase(),
  stringlike: (e, a) => globMatches(e, a),
  bool: (e, a) => e.toLowerCase() === a.toLowerCase(),
  // ARN operators compare like their string counterparts (case-sensitive, wildcards for Like).
  arnequals: (e, a) => globMatches(e, a),
  arnlike: (e, a) => globMatches(e, a),
};

const NEGATED: Record<string, Matcher> = {
  stringnotequals: POSITIVE.stringequals!,
  stringnotequalsignorecase: POSITIVE.stringequalsignorecase!,
  stringnotlike: POSITIVE.stringlike!,
  arnnotequals: POSITIVE.arnequals!,
  arnnotlike: POSITIVE.arnlike!,
};

function evaluateOperator(operator: string, keys: Record<string, unknown>, context: RequestContext): ConditionResult {
  const op = operator.toLowerCase();
  if (op === "null") {
    // "true" means the key must be absent, "false" that it must be present.
    return Object.entries(keys).every(([key, expected]) => values(expected).some((e) => (e.toLowerCase() === "true") === !context.has(key.toLowerCase())));
  }
  const ifExists = op.endsWith("ifexists");
  const base = ifExists ? op.slice(0, -"ifexists".length) : op;
  const positive = POSITIVE[base];
  const negated = NEGATED[base];
  if (!positive && !negated) return "unknown";
  return Object.entries(keys).every(([key, expected]) => {
    const actual = context.get(key.toLowerCase());
    if (actual === undefined) return ifExists || negated !== undefined;
    const anyMatch = actual.some((a) => values(expected).some((e) => (positive ?? negated)!(e, a)));
    return positive ? anyMatch : !anyMatch;
  });
}

/** All operators and keys must hold (AND); any listed value of a key may match (OR). */
export function evaluateConditions(condition: unknown, context: RequestContext): ConditionResult {
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null) return "unknown";
  let result: ConditionResult = true;
  for (const [operator, keys] of Object.entries(condition as ConditionBlock)) {
    if (typeof keys !== "object" || keys === null) return "unknown";
    const r = evaluateOperator(operator, keys, context);
    if (r === "unknown") return "unknown";
    if (!r) result = false;
  }
  return result;
}
