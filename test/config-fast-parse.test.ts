// The fast reader (js-yaml) must give exactly the data the `yaml` library would, or step
// aside: a file it reads differently would mean a different desired state than before.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fastParse } from "../src/config/fast-parse.js";

const yamlLibrary = (text: string): unknown => parse(text, { uniqueKeys: false, logLevel: "silent" });

describe("fast YAML reading", () => {
  const scalars = [
    "1", "-0", "+1", "017", "0o17", "0x1F", "0b101", "1_000", "1.5", "1.0", "5.", ".5", "+.5", "1e3", "0.1e-3", "12e",
    ".inf", "-.Inf", "+.INF", ".NaN", "true", "True", "TRUE", "tRUE", "false", "yes", "no", "on", "off", "y", "n",
    "null", "Null", "NULL", "~", "", "2001-12-14", "1:20", "123456789012", "0123456789012", "'1'", '"true"', "!!str 1",
    "!!int 3", "'it''s'", '"a\\tb"', "|\n  block\n  text", ">\n  folded\n  text", "x # comment", "[1, a, true]", "{ a: 1 }",
  ];
  it.each(scalars)("reads %j as the yaml library does", (scalar) => {
    const text = `k: ${scalar}\n`;
    const fast = fastParse(text)?.data;
    const slow = yamlLibrary(text);
    expect(fast).toEqual(slow);
    // -0 and NaN compare by identity, not by toEqual's rules alone.
    const value = (data: unknown) => (data instanceof Object && "k" in data ? data.k : undefined);
    if (typeof value(slow) === "number") expect(Object.is(value(fast), value(slow))).toBe(true);
  });

  it("reads every example and fixture in the repository as the yaml library does", () => {
    const files = execFileSync("git", ["ls-files", "*.yaml", "*.yml"], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(fastParse(text)?.data, file).toEqual(yamlLibrary(text));
    }
  });

  it.each([
    ["an anchor and alias", "a: &x { b: 1 }\nc: *x\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["keys the yaml library keeps apart (1 and \"1\")", 'a: { 1: x, "1": y }\n'],
    ["a syntax error", "a: [unclosed\n"],
    ["an unknown tag", "a: !secret x\n"],
    ["an explicit tag the core schema cannot resolve", "a: !!float 2\n"],
    ["a tag outside the core schema", "a: !!timestamp 2001-12-14\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["an empty file", ""],
    ["nesting deeper than the limit", `${"[".repeat(200)}${"]".repeat(200)}\n`],
  ])("leaves %s to the yaml library", (_, text) => {
    expect(fastParse(text)).toBeUndefined();
  });
});
