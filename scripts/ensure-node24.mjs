// The GitHub Action runs on Node 24; its tests run the bundle under a real Node 24 from
// the npm registry. It lives in tools/node24 (its own package) because a `node` package in
// the root would put Node 24 first on every npm script's PATH and hide Node 20 support.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../tools/node24/", import.meta.url));
export const NODE24 = `${dir}node_modules/node/bin/node`;

export function ensureNode24() {
  if (!existsSync(NODE24)) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    execFileSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  }
  return NODE24;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureNode24());
