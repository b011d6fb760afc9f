// Validate rule for references (src/model/references/grammar.ts): every `${…}` in a string
// of the desired state must be a reference to something the state declares, or (inside a
// policy document only) one of IAM's policy variables. Anything else would reach AWS as
// literal text, so it is an error at the string's file:line:col. AppConfig configuration
// content and validator schemas are the user's data, not orgctl's: they are not read.
import { catalogOf, unknownTarget, type Catalog } from "../model/references/catalog.js";
import { REFERENCE_FORMS, scan } from "../model/references/grammar.js";
import { errorAt, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";
import { child, type At, type Segment } from "./source.js";

/** Spec fields that are not YAML: where they are written, and which hold user data. */
const SKIP = new Set(["loc", "content", "validators", "adopt"]);
/** Spec field name → YAML key, where they differ. */
const YAML_KEY: Record<string, string> = { targets: "in" };
/** Fields whose value is a policy document, where IAM's policy variables are allowed. */
const POLICY_FIELDS = new Set(["assumeRolePolicy", "inlinePolicies", "document"]);

export function checkReferenceSyntax(ctx: CheckContext): void {
  // A state that lost parts to schema errors cannot say what is unknown: only the grammar is checked then.
  const catalog = ctx.incomplete.size === 0 ? catalogOf(ctx.state) : undefined;
  const { state } = ctx;
  const specs: object[] = [...state.accounts, ...state.roles, ...state.policies, ...state.groups, ...state.oidcProviders, ...state.appconfig, ...(state.organization?.units ?? [])];
  for (const spec of specs) {
    const origin = ctx.origins.get(spec);
    if (origin) walk(ctx, catalog, spec, origin, false);
  }
}

function walk(ctx: CheckContext, catalog: Catalog | undefined, value: unknown, at: At, inPolicy: boolean): void {
  if (typeof value === "string") return checkString(ctx, catalog, value, at, inPolicy);
  if (Array.isArray(value)) return value.forEach((v, i) => walk(ctx, catalog, v, child(at, i), inPolicy));
  if (value === null || typeof value !== "object") return;
  // Nested specs (environments, profiles) carry their own origin.
  const own = ctx.origins.get(value);
  const base = own ?? at;
  for (const [key, v] of Object.entries(value)) {
    if (SKIP.has(key)) continue;
    const seg: Segment = inPolicy ? key : (YAML_KEY[key] ?? key);
    checkString(ctx, catalog, key, child(base, seg), inPolicy, true);
    walk(ctx, catalog, v, child(base, seg), inPolicy || POLICY_FIELDS.has(key));
  }
}

function checkString(ctx: CheckContext, catalog: Catalog | undefined, text: string, at: At, inPolicy: boolean, key = false): void {
  for (const token of scan(text)) {
    if (token.type === "reference") {
      const problem = catalog && unknownTarget(catalog, token.reference);
      if (problem) errorAt(ctx, at, label(at.path, `unknown reference ${token.text}: ${problem}`), key);
    } else if (token.type === "iam-variable") {
      if (!inPolicy) errorAt(ctx, at, label(at.path, `${token.text} is an IAM policy variable, which only a policy document may hold`), key);
    } else {
      errorAt(ctx, at, label(at.path, `"${token.text}" ${token.problem} (references: ${REFERENCE_FORMS}; IAM policy variables such as \${aws:username} only in policy documents)`), key);
    }
  }
}
