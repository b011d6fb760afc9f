import type { Segment } from "./source.js";

/** A path as users read it: roles[0].trust.accounts[1]. */
export function pathLabel(path: Segment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (out === "" ? "" : ".") + (/^[\w-]+$/.test(seg) ? seg : JSON.stringify(seg));
  }
  return out;
}

/** "roles[0].name: message", or the bare message at the document root. */
export function at(path: Segment[], message: string): string {
  const label = pathLabel(path);
  return label === "" ? message : `${label}: ${message}`;
}
