import { execFileSync } from "node:child_process";
// @ts-expect-error plain ESM script without type declarations
import { ensureNode24 } from "../scripts/ensure-node24.mjs";

// End-to-end tests run the shipped bundles (dist/orgctl.mjs, dist/action.mjs), so build
// them once per test run; the action's tests also need the Node 24 runtime it ships for.
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  (ensureNode24 as () => string)();
}
