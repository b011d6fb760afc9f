// AWS.AppConfig.FeatureFlags content checks (the shared validator the planner and the
// emulator use) and the simplified form GetLatestConfiguration serves.
import { describe, expect, it } from "vitest";
import { validateFeatureFlags } from "../src/model/feature-flags/validate.js";
import { servedFlags } from "../src/model/feature-flags/served-form.js";
import type { FeatureFlagsDocument, FlagValue } from "../src/model/feature-flags/types.js";

const valid: FeatureFlagsDocument = {
  version: "1",
  flags: {
    darkMode: { name: "Dark mode", attributes: { theme: { constraints: { type: "string", enum: ["dark", "dim"], required: true } }, level: { constraints: { type: "number", minimum: 1, maximum: 5 } } } },
    beta: { name: "Beta", _deprecation: { status: "planned", date: "2027-01-31" } },
    limits: { attributes: { codes: { constraints: { type: "array", elements: { type: "string", pattern: "^[A-Z]{2}$" } } } } },
  },
  values: {
    darkMode: { enabled: true, theme: "dim", level: 3, _createdAt: "2026-01-01T00:00:00Z" },
    beta: { enabled: false },
    limits: { enabled: true, codes: ["DE", "FR"] },
  },
};

describe("feature-flag content validation", () => {
  it("accepts AWS's format with attributes, constraints, metadata and deprecation", () => {
    expect(validateFeatureFlags(valid)).toEqual([]);
  });

  it("names the place and the rule of each structural problem", () => {
    expect(validateFeatureFlags({ version: "2", flags: { "Bad Key": {} }, extra: 1 })).toEqual([
      { path: ["extra"], constraint: "additionalProperties", message: "is not an allowed field here" },
      { path: ["version"], constraint: "enum", message: 'must be "1"' },
      { path: ["flags", "Bad Key"], constraint: "additionalProperties", message: "is not a valid key: keys start with a lowercase letter followed by at most 63 letters, digits, _ or -" },
    ]);
    expect(validateFeatureFlags({ flags: {} })).toEqual([{ path: [], constraint: "required", message: 'must have "version"' }]);
  });

  it("reports one sentence for a value that matches none of a oneOf's forms", () => {
    expect(validateFeatureFlags({ version: "1", flags: { a: {} }, values: { a: { enabled: true, x: { nested: 1 } } } })).toEqual([
      { path: ["values", "a", "x"], constraint: "oneOf", message: "must be a string (at most 1024 characters), a number, a boolean, or a list of only strings or only numbers" },
    ]);
    expect(validateFeatureFlags({ version: "1", flags: { a: { attributes: { x: { constraints: { type: "number", pattern: "x" } } } } } })).toEqual([
      { path: ["flags", "a", "attributes", "x", "constraints"], constraint: "oneOf", message: 'must be constraints of type "number", "string", "array" or "boolean", with only that type\'s fields' },
    ]);
  });

  it("checks values against their flag's attribute constraints", () => {
    const values: Record<string, FlagValue> = { ...valid.values };
    values.darkMode = { enabled: true, level: 9, theme: "light" };
    values.limits = { enabled: true, codes: ["DE", "fra"], colour: "red" };
    values.ghost = { enabled: true };
    const doc = { ...valid, values };
    expect(validateFeatureFlags(doc)).toEqual([
      { path: ["values", "darkMode", "level"], constraint: "maximum", message: "must be at most 5" },
      { path: ["values", "darkMode", "theme"], constraint: "enum", message: 'must be one of "dark", "dim"' },
      { path: ["values", "limits", "codes", 1], constraint: "pattern", message: 'must match the pattern "^[A-Z]{2}$"' },
      { path: ["values", "limits", "colour"], constraint: "attributes", message: 'is not an attribute of flag "limits"' },
      { path: ["values", "ghost"], constraint: "flags", message: 'is not a flag defined under "flags"' },
    ]);
  });

  it("requires a required attribute of an enabled flag only", () => {
    const enabled = { ...valid, values: { ...valid.values, darkMode: { enabled: true } } };
    expect(validateFeatureFlags(enabled)).toEqual([{ path: ["values", "darkMode"], constraint: "required", message: 'must set attribute "theme" (its constraints say it is required)' }]);
    expect(validateFeatureFlags({ ...valid, values: { ...valid.values, darkMode: { enabled: false } } })).toEqual([]);
  });

  it("refuses a constraint pattern that needs backtracking", () => {
    const doc = { version: "1", flags: { a: { attributes: { x: { constraints: { type: "string", pattern: "^(a)\\1$" } } } } } };
    expect(validateFeatureFlags(doc)).toEqual([
      { path: ["flags", "a", "attributes", "x", "constraints", "pattern"], constraint: "pattern", message: "is not a supported regular expression (linear-time regular expressions only)" },
    ]);
  });
});

describe("the served form of feature flags", () => {
  it("keeps each flag's enabled state, and attributes of enabled flags only, without metadata", () => {
    expect(servedFlags(valid)).toEqual({ darkMode: { enabled: true, theme: "dim", level: 3 }, beta: { enabled: false }, limits: { enabled: true, codes: ["DE", "FR"] } });
    expect(servedFlags({ version: "1", flags: { a: {} } })).toEqual({ a: { enabled: false } });
  });
});
