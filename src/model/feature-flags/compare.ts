// Which flags differ between two versions of a feature-flag profile, so a plan can say it
// per flag ("flag pagination (edit)") instead of showing two whole documents. A flag is its
// definition and its value together; AppConfig's `_`-prefixed metadata is not compared.
import { isDeepStrictEqual } from "node:util";
import { parseJsonText } from "../json-text.js";
import { checkStructure } from "./structure.js";
import type { FeatureFlagsDocument } from "./types.js";

export interface FlagChange {
  name: string;
  change: "add" | "remove" | "edit";
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, withoutMetadata(v)]));
}

function documentOf(content: string): FeatureFlagsDocument | undefined {
  const parsed = parseJsonText(content);
  if (!("value" in parsed)) return undefined;
  const structure = checkStructure(parsed.value);
  return "document" in structure ? structure.document : undefined;
}

/** Flag changes from `before` to `after` (both version contents), in `after`'s order then removed ones; undefined when either is not feature-flag content. */
export function flagChanges(before: string, after: string): FlagChange[] | undefined {
  const a = documentOf(before);
  const b = documentOf(after);
  if (!a || !b) return undefined;
  const flag = (doc: FeatureFlagsDocument, name: string) =>
    doc.flags?.[name] === undefined ? undefined : withoutMetadata({ definition: doc.flags[name], value: doc.values?.[name] ?? null });
  const out: FlagChange[] = [];
  for (const name of Object.keys(b.flags ?? {})) {
    const old = flag(a, name);
    if (old === undefined) out.push({ name, change: "add" });
    else if (!isDeepStrictEqual(old, flag(b, name))) out.push({ name, change: "edit" });
  }
  for (const name of Object.keys(a.flags ?? {})) if (b.flags?.[name] === undefined) out.push({ name, change: "remove" });
  return out;
}
