// The action's outputs, and the plan JSON file that `plan-json` points to. The file is
// the redacted plan (renderJson): safe to upload as an artifact, unlike `plan --out`,
// which keeps sensitive content so apply can use it; the action's apply re-plans anyway.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { hasChanges } from "../engine/plan.js";
import type { Plan } from "../engine/types.js";
import { renderJson } from "../render/json.js";
import { oneLineSummary } from "./summary.js";

function planJsonPath(configPath: string): string {
  const slug = configPath === "." ? "" : "-" + configPath.replace(/[^\w.-]+/g, "_");
  return join(process.env.RUNNER_TEMP || tmpdir(), "orgctl", `plan${slug}.json`);
}

/** Writes the plan file and sets has-changes, plan-json and summary; returns the file path. */
export function publishPlan(configPath: string, plan: Plan): string {
  const file = planJsonPath(configPath);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, renderJson(plan));
  core.setOutput("has-changes", hasChanges(plan) ? "true" : "false");
  core.setOutput("plan-json", file);
  core.setOutput("summary", oneLineSummary(plan));
  return file;
}
