import path from "node:path";
import type { DesiredState } from "../model/types.js";
import { checkAppConfig } from "./appconfig-rules.js";
import { checkAwsLimits } from "./aws-limits.js";
import { buildState } from "./build.js";
import type { CheckContext } from "./check-context.js";
import { Diagnostics, type Diagnostic } from "./diagnostics.js";
import { digestOf } from "./digest.js";
import { checkGrants } from "./grant-rules.js";
import { checkIamResources } from "./iam-resource-rules.js";
import { checkIamRules } from "./iam-rules.js";
import { checkOrgPolicies } from "./org-policy-rules/check.js";
import { loadSources } from "./load.js";
import type { ParseCache } from "./parse.js";
import { merge } from "./merge.js";
import { checkReferenceSyntax } from "./reference-rules.js";
import { checkReferences } from "./references.js";
import { SENSITIVE } from "../engine/sensitive.js";
import { validateSchema } from "./validate.js";

export { formatDiagnostic, type Diagnostic, type Severity } from "./diagnostics.js";
export { canonicalJson } from "./digest.js";
export type { ParseCache } from "./parse.js";
export { expandRoles, accountIdOf } from "../model/targets.js";

export interface LoadResult {
  /** Present only when there are no errors. */
  state?: DesiredState;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/**
 * Loads, validates and builds the desired state at `input` (a YAML file or a directory).
 * Every error is reported, not just the first; the state is returned only when there are none.
 */
export interface LoadOptions {
  cwd?: string;
  cache?: ParseCache;
  /**
   * The folder whose repository names the owner when the YAML configures none: a commit
   * extracted to a temporary folder still belongs to the repository it came from.
   */
  ownerRoot?: string;
}

export async function loadDesiredState(input: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const cwd = opts.cwd ?? process.cwd();
  const diags = new Diagnostics();
  const { sources, root } = await loadSources(input, cwd, diags, opts.cache);
  const validated = sources.map((source) => ({ source, failed: validateSchema(source, diags) }));
  const merged = merge(validated, diags);
  const origins = new WeakMap();
  const built = await buildState(merged, root, origins, diags, opts.ownerRoot);
  const ctx: CheckContext = { state: built, origins, incomplete: merged.incomplete, diags };
  checkReferences(ctx);
  checkReferenceSyntax(ctx);
  checkIamRules(ctx);
  checkIamResources(ctx);
  checkGrants(ctx);
  checkAppConfig(ctx);
  checkAwsLimits(ctx);
  checkOrgPolicies(ctx);
  const order = new Map(sources.map((s, i) => [s.file, i]));
  const byPosition = (a: Diagnostic, b: Diagnostic) =>
    (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.col - b.col;
  const warnings = diags.warnings.sort(byPosition);
  if (diags.errors.length > 0) return { errors: diags.errors.sort(byPosition), warnings };
  const files = sources.map((s) => path.relative(cwd, s.abs));
  return { state: { ...built, files, digest: digestOf(digestInput(built)) }, errors: [], warnings };
}

/**
 * The state as its digest sees it. The digest is printed and saved with every plan, and an
 * unkeyed hash over a short secret plus YAML the reader has gives the secret back by trying
 * every value, so sensitive content is left out (apply takes it from this same YAML). The
 * owner is left out too: it comes from where the YAML sits (git remote and folder), not from
 * what it says, and apply's re-derivation compares the changes it would tag anyway.
 */
function digestInput(state: Omit<DesiredState, "digest" | "files">): Omit<DesiredState, "digest" | "files"> {
  const appconfig = state.appconfig.map((app) => ({
    ...app,
    profiles: app.profiles.map((p) => ({ ...p, versions: p.versions.map((v) => (v.sensitive ? { ...v, content: SENSITIVE } : v)) })),
  }));
  const { owner: _owner, ...settings } = state.settings;
  return { ...state, appconfig, settings: { ...settings, owner: "" } };
}
