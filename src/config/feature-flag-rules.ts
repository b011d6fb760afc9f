// Feature-flag versions are checked at validate time with the validator AppConfig's
// behaviour is modelled on (src/model/feature-flags), each problem at its own line: inline
// flags/values map one to one onto the YAML, `content:` sits one level down, and a file is
// pointed at by its `file:` key.
import { parseJsonText } from "../model/json-text.js";
import { validateFeatureFlags } from "../model/feature-flags/validate.js";
import type { FlagProblem } from "../model/feature-flags/types.js";
import type { ProfileSpec, VersionSpec } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { at as label, pathLabel } from "./path-label.js";
import { child, type At } from "./source.js";

/** The plain YAML value at a node. */
function valueAt(at: At): unknown {
  let value: unknown = at.source.data;
  for (const seg of at.path) value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[seg] : undefined;
  return value;
}

/** Where a problem at `path` of the content sits in the YAML, and whether that node is the problem itself. */
function placeOf(versionAt: At, problem: FlagProblem): { at: At; exact: boolean } {
  const node = valueAt(versionAt);
  const fields = typeof node === "object" && node !== null ? node : {};
  if ("flags" in fields || "values" in fields) {
    // `version` is implied: a problem there cannot come from the YAML, but the path is still right.
    return { at: child(versionAt, ...problem.path), exact: true };
  }
  if ("content" in fields) return { at: child(versionAt, "content", ...problem.path), exact: true };
  return { at: child(versionAt, "file"), exact: false };
}

function checkVersion(ctx: CheckContext, profile: ProfileSpec, version: VersionSpec): void {
  const versionAt = originOf(ctx, version);
  const parsed = parseJsonText(version.content);
  if ("problem" in parsed) {
    errorAt(ctx, versionAt, label(versionAt.path, `content ${parsed.problem} (a ${profile.type} profile holds JSON)`), true);
    return;
  }
  for (const problem of validateFeatureFlags(parsed.value)) {
    const { at, exact } = placeOf(versionAt, problem);
    // A sensitive version's keys are part of its content: name only the rule that failed.
    const what = version.sensitive ? `a value fails "${problem.constraint}"` : exact ? problem.message : `${pathLabel(problem.path)} ${problem.message}`;
    // Problems about a key (an unknown flag or field) point at the key; the rest at the value.
    const atKey = problem.constraint === "additionalProperties" || problem.constraint === "flags" || problem.constraint === "attributes";
    const shown = version.sensitive ? versionAt : at;
    errorAt(ctx, shown, label(shown.path, `version ${version.label}: ${what}`), atKey || version.sensitive);
  }
}

export function checkFeatureFlags(ctx: CheckContext, profile: ProfileSpec): void {
  if (profile.type !== "AWS.AppConfig.FeatureFlags") return;
  for (const version of profile.versions) checkVersion(ctx, profile, version);
}
