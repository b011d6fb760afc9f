// The hidden first line that lets the Action find its own comments and issues again. It
// names the configuration by working directory AND path, so two configurations in one
// repository never share a comment or a drift issue, and carries what a later run needs
// (the reviewed plan's commit, run, artifact and digest). Values are JSON strings with
// "-" before "-" and ">" escaped, so no value can end the HTML comment early.
import { posix } from "node:path";

export type MarkerKind = "orgctl-plan" | "orgctl-drift" | "orgctl-apply";

export interface Configuration {
  /** The working-directory input, normalised. */
  dir: string;
  /** The path input, normalised. */
  path: string;
}

export function configuration(workingDirectory: string, path: string): Configuration {
  return { dir: tidy(workingDirectory), path: tidy(path) };
}

/** What a reader calls it: the path from the repository root. */
export function displayName(config: Configuration): string {
  return config.dir === "." ? config.path : posix.join(config.dir, config.path);
}

function tidy(p: string): string {
  const normal = posix.normalize(p.replace(/\\/g, "/"));
  return normal.length > 1 ? normal.replace(/\/+$/, "") : normal;
}

export function marker(kind: MarkerKind, config: Configuration, extra: Record<string, string> = {}): string {
  const attrs = Object.entries({ dir: config.dir, path: config.path, ...extra }).map(([k, v]) => `${k}=${encode(v)}`);
  return `<!-- ${kind} ${attrs.join(" ")} -->`;
}

/** The attributes of `kind`'s marker on the first line of `body`, if there is one (CRLF or LF). */
export function readMarker(kind: MarkerKind, body: string | null | undefined): Record<string, string> | undefined {
  const first = (body ?? "").split(/\r?\n/, 1)[0] ?? "";
  const m = new RegExp(`^<!-- ${kind} (.*) -->$`).exec(first);
  if (!m) return undefined;
  const attrs: Record<string, string> = {};
  for (const a of m[1]!.matchAll(/([\w-]+)=("(?:[^"\\]|\\.)*")/g)) {
    const value: unknown = JSON.parse(a[2]!);
    if (typeof value === "string") attrs[a[1]!] = value;
  }
  return attrs;
}

/** Whether `body` carries `kind`'s marker for exactly this configuration. */
export function hasMarker(kind: MarkerKind, config: Configuration, body: string | null | undefined): boolean {
  const attrs = readMarker(kind, body);
  if (attrs) return attrs.dir === config.dir && attrs.path === config.path;
  // Earlier versions marked by path alone (always from the repository root): adopt those, so an
  // upgrade edits the old comment or issue rather than leaving it looking current.
  const first = (body ?? "").split(/\r?\n/, 1)[0];
  return config.dir === "." && first === `<!-- ${kind}:${config.path.replace(/--/g, "-\u200b-").replace(/>/g, "&gt;")} -->`;
}

function encode(value: string): string {
  return JSON.stringify(value).replace(/-(?=-)/g, "\\u002d").replace(/>/g, "\\u003e");
}
