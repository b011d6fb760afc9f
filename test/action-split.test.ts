// Splitting plan Markdown for GitHub's comment limit: every chunk fits, renders on its
// own (balanced <details> and fences), and together the chunks lose nothing.
import { describe, expect, it } from "vitest";
import { splitMarkdown } from "../src/action/split.js";
import { MAX_PARTS, planCommentBodies } from "../src/action/comment.js";
import { configuration, hasMarker, marker, readMarker } from "../src/action/marker.js";

function details(summary: string, body: string[]): string[] {
  return [`<details><summary>${summary}</summary>`, "", ...body, "</details>", ""];
}

function fenced(fence: string, lines: string[]): string[] {
  return [`${fence}diff`, ...lines, fence, ""];
}

const diffLines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `+ "line ${tag} ${String(i).padStart(4, "0")}": "${"x".repeat(40)}"`);

/** Open <details> depth and unclosed fence at the end of a chunk (never negative on the way). */
function openAtEnd(chunk: string): { details: number; fence?: string } {
  let depth = 0;
  let fence: string | undefined;
  for (const line of chunk.split("\n")) {
    if (fence) {
      if (line === fence) fence = undefined;
      continue;
    }
    const open = /^(`{3,}|~{3,})/.exec(line);
    if (open) fence = open[1];
    else if (line.startsWith("<details")) depth++;
    else if (line === "</details>") depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  return { details: depth, ...(fence ? { fence } : {}) };
}

describe("splitMarkdown", () => {
  it("returns short Markdown unchanged", () => {
    const md = ["## orgctl plan", "", ...details("dev — 1 change(s)", fenced("```", diffLines(3, "a")))].join("\n");
    expect(splitMarkdown(md, 65_000)).toEqual([md]);
  });

  it("closes and reopens <details> and fences across chunks, within the budget, losing no line", () => {
    const md = [
      "## orgctl plan",
      "",
      ...details("development — 2 change(s)", [...fenced("```", diffLines(120, "a")), ...fenced("````", ["+ ```not a close```", ...diffLines(120, "b")])]),
      ...details("production — 1 change(s)", fenced("```", diffLines(50, "c"))),
    ].join("\n");
    const budget = 4_000;
    const chunks = splitMarkdown(md, budget);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(budget);
      expect(openAtEnd(chunk)).toEqual({ details: 0 });
    }
    // A continued chunk starts inside what was open: the details reopened, then the fence with its info string.
    const continued = chunks.find((c) => c.startsWith("<details><summary>development — 2 change(s) (continued)</summary>\n\n```diff\n"));
    expect(continued).toBeDefined();
    expect(chunks.some((c) => c.includes("\n````diff\n") && c.includes("line b"))).toBe(true);
    // Every diff line appears exactly once, in order.
    const all = chunks.join("\n").split("\n").filter((l) => l.startsWith('+ "line'));
    expect(all).toEqual([...diffLines(120, "a"), ...diffLines(120, "b"), ...diffLines(50, "c")]);
  });

  it("cuts a single line longer than a chunk", () => {
    const long = "y".repeat(2_500);
    const chunks = splitMarkdown(["```", long, "```"].join("\n"), 1_000);
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(1_000);
      expect(chunk.startsWith("```\n") && chunk.endsWith("\n```")).toBe(true);
    }
    expect(chunks.map((c) => c.split("\n").slice(1, -1).join("")).join("")).toBe(long);
  });
});

describe("splitMarkdown resource headings", () => {
  it("starts a chunk cut inside a resource's diff with that resource's heading, inside its <details>, before the reopened fence", () => {
    const heading = "#### + create `development/iam/role/bulk`";
    const md = ["## orgctl plan", "", ...details("development — 2 change(s)", [heading, "", ...fenced("```", diffLines(200, "a")), "#### + create `development/iam/role/next`", "", ...fenced("```", diffLines(5, "b"))])].join("\n");
    const chunks = splitMarkdown(md, 4_000);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(1, -1)) {
      expect(chunk.split("\n").slice(0, 5)).toEqual([
        "<details><summary>development — 2 change(s) (continued)</summary>",
        "",
        `${heading} (continued)`,
        "",
        "```diff",
      ]);
      expect(chunk.length).toBeLessThanOrEqual(4_000);
      expect(openAtEnd(chunk)).toEqual({ details: 0 });
    }
    // Nothing lost: every diff line is in exactly one chunk.
    const all = chunks.join("\n");
    for (const line of diffLines(200, "a")) expect(all.split(line).length - 1).toBe(1);
  });
});

describe("planCommentBodies", () => {
  const where = { runUrl: "https://github.com/acme/repo/actions/runs/1", artifact: "orgctl-plan-envs_prod-1a2b3c4d" };
  const head = marker("orgctl-plan", configuration(".", "envs/prod"));

  it("is one body with the marker and no pointer when the plan fits", () => {
    const bodies = planCommentBodies(head, "envs/prod", "## orgctl plan\n\nNo changes.\n", where);
    expect(bodies).toEqual(['<!-- orgctl-plan dir="." path="envs/prod" -->\n## orgctl plan\n\nNo changes.\n']);
  });

  it(`keeps at most ${MAX_PARTS} bodies and links the run's artifact with the whole plan`, () => {
    const md = ["## orgctl plan", "", ...details("dev", fenced("```", diffLines(3_000, "z")))].join("\n");
    const bodies = planCommentBodies(head, "envs/prod", md, where, 20_000);
    expect(bodies).toHaveLength(MAX_PARTS);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(20_000);
    expect(bodies.at(-1)).toMatch(/too long for pull request comments; \d+ more part\(s\) left out/);
    expect(bodies.at(-1)).toContain(
      "Full plan: the run's [job summary](https://github.com/acme/repo/actions/runs/1) and its artifact [`orgctl-plan-envs_prod-1a2b3c4d`](https://github.com/acme/repo/actions/runs/1#artifacts).",
    );
  });
});

describe("marker", () => {
  it("keeps a path from closing the marker comment early, and reads it back", () => {
    const config = configuration("a--b", "c-->d");
    const line = marker("orgctl-plan", config, { commit: "x>y" });
    expect(line).toBe('<!-- orgctl-plan dir="a\\u002d-b" path="c\\u002d-\\u003ed" commit="x\\u003ey" -->');
    expect(line.slice(4, -3)).not.toContain("--");
    expect(readMarker("orgctl-plan", `${line}\r\nbody`)).toEqual({ dir: "a--b", path: "c-->d", commit: "x>y" });
    expect(hasMarker("orgctl-plan", config, `${line}\nbody`)).toBe(true);
    expect(hasMarker("orgctl-plan", configuration(".", "c-->d"), `${line}\nbody`)).toBe(false);
    expect(hasMarker("orgctl-drift", config, `${line}\nbody`)).toBe(false);
  });

  it("adopts the path-only marker of earlier versions for the root working directory only", () => {
    expect(hasMarker("orgctl-plan", configuration(".", "envs/a"), "<!-- orgctl-plan:envs/a -->\r\nold plan")).toBe(true);
    expect(hasMarker("orgctl-drift", configuration(".", "a-->b"), "<!-- orgctl-drift:a-\u200b-&gt;b -->\nold")).toBe(true);
    expect(hasMarker("orgctl-plan", configuration("envs", "a"), "<!-- orgctl-plan:a -->\nold plan")).toBe(false);
    expect(hasMarker("orgctl-plan", configuration(".", "envs/a"), "<!-- orgctl-plan:envs/ab -->\nold plan")).toBe(false);
  });

  it("names a configuration by working directory and path, normalised", () => {
    expect(configuration("./envs/", "b/")).toEqual({ dir: "envs", path: "b" });
    expect(configuration(".", ".")).toEqual({ dir: ".", path: "." });
  });
});
