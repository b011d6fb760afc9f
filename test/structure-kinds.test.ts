// The engine, apply and the renderers are generic over resource kinds: a kind is a folder
// under src/kinds/ plus a line in its registry. If one of them imported a kind, adding the
// next kind would mean editing the core again.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KINDS } from "../src/kinds/registry.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("the kind contract", () => {
  it.each(["src/engine", "src/apply", "src/render"])("%s imports no kind", (dir) => {
    const offenders = sources(dir).filter((file) => /from "(\.\.\/)+kinds\//.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("kinds import nothing of apply, the CLI or the Action", () => {
    const offenders = sources("src/kinds").filter((file) => /from "(\.\.\/)+(apply|cli|action)\//.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the registry holds every kind once, each with an operation", () => {
    const types = KINDS.families.flatMap((f) => f.kinds.map((k) => [k.type, Object.keys(k.operations).length > 0]));
    expect(types).toEqual([
      ["unit", true],
      ["account", true],
      ["policy-type", true],
      ["org-policy", true],
      ["org-policy-attachment", true],
      ["trusted-service", true],
      ["delegated-admin", true],
      ["role", true],
      ["role-trust", true],
      ["managed-policy", true],
      ["oidc-provider", true],
      ["group", true],
      ["application", true],
      ["environment", true],
      ["profile", true],
      ["version", true],
      ["strategy", true],
      ["rollout", true],
      ["deployment", true],
    ]);
  });
});
