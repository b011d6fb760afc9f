// JSON Schema patterns run on RE2 (src/model/linear-regexp.ts). ajv caches a compiled
// pattern under its regular expression's toString(): every pattern must keep its own.
import { describe, expect, it } from "vitest";
import { compileAppConfigSchema } from "../src/model/appconfig-schema.js";

describe("JSON Schema patterns on the linear-time engine", () => {
  it("checks each pattern of a schema with that pattern, not the first one compiled", () => {
    const check = compileAppConfigSchema(
      JSON.stringify({ type: "object", properties: { code: { type: "string", pattern: "^[A-Z]{2}$" }, name: { type: "string", pattern: "^[a-z]+$" } } }),
    );
    expect(check({ code: "DE", name: "berlin" })).toEqual({ valid: true });
    const result = check({ code: "DE", name: "BERLIN" });
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.errors.map((e) => [e.instancePath, e.keyword])).toEqual([["/name", "pattern"]]);
  });
});
