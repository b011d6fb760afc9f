// Splits Markdown into chunks of at most `budget` characters without breaking a
// <details> block or a code fence: a chunk ends by closing whatever is open and the next
// one reopens it, so every chunk renders on its own. Recognises what renderMarkdown emits:
// `<details>` / `</details>` at the start of a line, backtick or tilde fences, and `####`
// resource headings: a chunk that starts inside a resource's block repeats its heading,
// so a continued diff is never read without knowing which resource it belongs to.

interface OpenDetails {
  kind: "details";
  /** The line that opened it, reused (marked as continued) when reopening. */
  line: string;
}

interface OpenFence {
  kind: "fence";
  line: string;
  marker: string;
}

type Open = OpenDetails | OpenFence;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DETAILS_OPEN = /^\s*<details[\s>]/i;
const DETAILS_CLOSE = /^\s*<\/details>/i;
const HEADING = /^#### /;

export function splitMarkdown(markdown: string, budget: number): string[] {
  const chunks: string[] = [];
  let stack: Open[] = [];
  let lines: string[] = [];
  let size = 0;
  let content = 0;
  /** The resource heading whose block the current line is in. */
  let heading: string | undefined;

  const reopening = (next: string) => {
    const again = stack.flatMap(reopenLines);
    if (heading === undefined || HEADING.test(next) || DETAILS_CLOSE.test(next)) return again;
    // The heading goes where it was: inside the <details> blocks, before any open fence.
    const at = stack.findIndex((o) => o.kind === "fence");
    const before = (at < 0 ? stack : stack.slice(0, at)).flatMap(reopenLines);
    return [...before, `${heading} (continued)`, "", ...again.slice(before.length)];
  };
  const start = (next = "") => {
    lines = reopening(next);
    size = lines.reduce((n, l) => n + l.length + 1, 0);
    content = 0;
  };
  const flush = (next = "") => {
    chunks.push([...lines, ...stack.toReversed().map(closeLine)].join("\n"));
    start(next);
  };
  const add = (line: string) => {
    lines.push(line);
    size += line.length + 1;
    content++;
  };

  start();
  for (const line of markdown.split("\n")) {
    const next = advance(stack, line);
    const cost = line.length + 1 + closingSize(next);
    if (size + cost > budget && content > 0 && reopenSize(stack) + headingSize(heading) + cost <= budget) flush(line);
    if (size + cost <= budget) add(line);
    else {
      // A line longer than a whole chunk: cut it where it must be cut.
      for (let rest = line; rest.length > 0; ) {
        const cut = budget - size - closingSize(stack) - 1;
        if (cut <= 0) throw new Error(`markdown nesting too deep to split into ${budget}-character chunks`);
        add(rest.slice(0, cut));
        rest = rest.slice(cut);
        if (rest.length > 0) flush(rest);
      }
    }
    if (stack.at(-1)?.kind !== "fence") {
      if (HEADING.test(line)) heading = line;
      else if (DETAILS_CLOSE.test(line)) heading = undefined;
    }
    stack = next;
  }
  if (content > 0 || chunks.length === 0) chunks.push([...lines, ...stack.toReversed().map(closeLine)].join("\n"));
  return chunks;
}

/** The open blocks after `line`. */
function advance(stack: Open[], line: string): Open[] {
  const top = stack.at(-1);
  if (top?.kind === "fence") return closesFence(top, line) ? stack.slice(0, -1) : stack;
  const fence = FENCE.exec(line);
  if (fence && !(fence[1]!.startsWith("`") && fence[2]!.includes("`"))) return [...stack, { kind: "fence", line, marker: fence[1]! }];
  if (DETAILS_OPEN.test(line)) return [...stack, { kind: "details", line }];
  if (DETAILS_CLOSE.test(line) && top?.kind === "details") return stack.slice(0, -1);
  return stack;
}

function closesFence(open: OpenFence, line: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length;
}

function reopenSize(stack: Open[]): number {
  return stack.flatMap(reopenLines).reduce((n, l) => n + l.length + 1, 0);
}

function headingSize(heading: string | undefined): number {
  return heading === undefined ? 0 : heading.length + " (continued)".length + 2;
}

function closingSize(stack: Open[]): number {
  return stack.reduce((n, o) => n + closeLine(o).length + 1, 0);
}

function closeLine(open: Open): string {
  return open.kind === "fence" ? open.marker : "</details>";
}

function reopenLines(open: Open): string[] {
  if (open.kind === "fence") return [open.line];
  const continued = open.line.includes("</summary>") ? open.line.replace("</summary>", " (continued)</summary>") : open.line;
  return [continued, ""];
}
