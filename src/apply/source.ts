// Where apply's plan comes from: a saved plan file (checked against the desired state
// it was made from), or a desired-state path (planned on the spot with planLive).
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { formatDiagnostic, loadDesiredState } from "../config/index.js";
import type { DesiredState } from "../model/types.js";
import { parsePlanJson, planFromJson } from "../engine/plan-file.js";
import type { Plan } from "../engine/types.js";
import { limitHeapGrowth } from "../runtime/heap-growth.js";

export class PlanRefused extends Error {}

/** The parsed plan when `input` is a plan file (JSON with formatVersion), else undefined. */
export async function readPlanFile(input: string): Promise<Plan | undefined> {
  if (!(await stat(input).catch(() => undefined))?.isFile()) return undefined;
  // A saved plan is the first large thing apply holds: V8 sizes the heap from it.
  limitHeapGrowth();
  const text = await readFile(input, "utf8");
  const parsed = parsePlanJson(text);
  if ("problem" in parsed) return undefined; // YAML, or anything else that is not a plan
  const data = parsed.value;
  if (data === null || typeof data !== "object" || !("formatVersion" in data)) return undefined;
  return planFromJson(data);
}

export async function loadDesired(input: string): Promise<DesiredState> {
  const loaded = await loadDesiredState(input);
  for (const d of [...loaded.errors, ...loaded.warnings]) process.stderr.write(formatDiagnostic(d) + "\n");
  if (!loaded.state) throw new PlanRefused(`invalid desired state: ${loaded.errors.length} error(s)`);
  return loaded.state;
}

/**
 * The desired state a saved plan was made from. Apply re-derives every change from it,
 * so without it (or with other YAML) a saved plan cannot be applied.
 */
export async function desiredForPlan(plan: Plan, given: string | undefined): Promise<DesiredState> {
  const root = given ?? plan.source.paths[0];
  if (root === undefined || (given === undefined && !plan.source.paths.every((p) => existsSync(p)))) {
    throw new PlanRefused(
      `a saved plan is applied only against the desired state it was made from, and ${root ?? "its YAML"} is not here: give that YAML's path as the second argument (orgctl apply PLAN PATH)`,
    );
  }
  const desired = await loadDesired(root);
  if (desired.digest !== plan.desiredDigest) {
    throw new PlanRefused(`the plan was made from a different desired state than ${root} (digest ${plan.desiredDigest.slice(0, 12)} vs ${desired.digest.slice(0, 12)}); run plan again`);
  }
  return desired;
}
