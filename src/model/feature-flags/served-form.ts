// What GetLatestConfiguration returns for a feature-flag profile: "the information that
// defines your feature flags and attributes is removed. The simplified JSON contains a map of
// keys that match each of the flag keys you specified … mapped values of true or false for
// the enabled attribute. If a flag sets enabled to true, any attributes of the flag will be
// present as well" (AppConfig User Guide, "Understanding the type reference for
// AWS.AppConfig.FeatureFlags"). Metadata (`_`-prefixed keys) never appears. Multi-variant
// flags are served with their default values: choosing a variant needs the caller's context,
// which only AppConfig Agent evaluates.
import type { FeatureFlagsDocument } from "./types.js";

export type ServedFlags = Record<string, Record<string, unknown> & { enabled: boolean }>;

export function servedFlags(document: FeatureFlagsDocument): ServedFlags {
  const out: ServedFlags = {};
  for (const flag of Object.keys(document.flags ?? {})) {
    const value = document.values?.[flag] ?? {};
    if (value.enabled !== true) {
      out[flag] = { enabled: false };
      continue;
    }
    const attributes = Object.fromEntries(Object.entries(value).filter(([key]) => key !== "enabled" && !key.startsWith("_")));
    out[flag] = { enabled: true, ...attributes };
  }
  return out;
}
