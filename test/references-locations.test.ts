// Resolving references walks the whole desired state, which holds each spec's source
// location. Locating builds the file's syntax tree (ten times the cost of reading the data,
// and its memory for the rest of the run), so the walk must pass locations by unread; they
// are read only by a diagnostic.
import { describe, expect, it } from "vitest";
import { locateLater } from "../src/config/locate.js";
import type { Source } from "../src/config/source.js";
import type { SyntaxTree } from "../src/config/tree.js";
import { substitute } from "../src/model/references/substitute.js";
import { parseTree } from "../src/config/tree.js";

function countingSource(text: string): { source: Source; builds: () => number } {
  let built = 0;
  let tree: SyntaxTree | undefined;
  const source = {
    file: "roles.yaml",
    abs: "/x/roles.yaml",
    data: null,
    root: true,
    get tree() {
      if (!tree) (built++, (tree = parseTree(text)));
      return tree;
    },
  };
  return { source, builds: () => built };
}

describe("reference substitution and source locations", () => {
  it("keeps a spec's location as it is, unread, and it still locates afterwards", () => {
    const { source, builds } = countingSource("roles:\n  Reader:\n    arn: x\n");
    const spec = { name: "Reader", arn: "arn:aws:iam::${account:dev}:role/Reader", loc: locateLater({ source, path: ["roles", "Reader"] }, { key: true }) };
    const out = substitute({ roles: [spec] }, (ref) => (ref.kind === "account" ? "222222222222" : undefined)).value;
    expect(out.roles[0]!.arn).toBe("arn:aws:iam::222222222222:role/Reader");
    expect(out.roles[0]!.loc).toBe(spec.loc);
    expect(builds()).toBe(0);
    expect([out.roles[0]!.loc.file, out.roles[0]!.loc.line, out.roles[0]!.loc.col]).toEqual(["roles.yaml", 2, 3]);
    expect(builds()).toBe(1);
  });
});
