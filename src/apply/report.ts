// What the user reads after an apply: exactly which changes were applied, which failed
// (with why), and which were never attempted because something they need failed.
import type { ApplyResult } from "./executor.js";
import type { Change } from "../engine/types.js";

export function formatResult(result: ApplyResult, inFlight: Change[] = []): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`${title} (${lines.length}):`, ...lines.map((l) => `  ${l}`));
  };
  section("Applied", result.applied.map((c) => `${c.address} (${c.action})`));
  section("Failed", result.failed.map((f) => `${f.change.address} (${f.change.action}): ${f.error}`));
  section("In flight when interrupted (outcome unknown: plan again to see)", inFlight.map((c) => `${c.address} (${c.action})`));
  section("Not attempted", result.notAttempted.map((n) => `${n.change.address} (${n.change.action}): ${n.reason}`));
  const ok = result.failed.length === 0 && result.notAttempted.length === 0 && inFlight.length === 0;
  out.push(
    ok
      ? `Apply complete: ${result.applied.length} change(s) applied.`
      : `Apply incomplete: ${result.applied.length} applied, ${result.failed.length} failed, ${result.notAttempted.length} not attempted${inFlight.length > 0 ? `, ${inFlight.length} in flight` : ""}. Fix the cause and run apply again: the next plan shows only what is left.`,
  );
  return out.join("\n") + "\n";
}
