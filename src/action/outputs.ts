// The action's outputs and the files they point to, in a directory of this step's own
// under RUNNER_TEMP (two steps in one job, or two configurations with the same path in
// different working directories, never overwrite each other's files):
// - plan-json: the redacted plan (renderJson), safe to show anywhere;
// - plan-file: the saved plan `orgctl apply` takes (sensitive content in full, like the
//   YAML it came from), which the PR workflow uploads as the artifact named artifact-name
//   and the merge run applies.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { hasChanges } from "../engine/plan.js";
import { serializePlan } from "../engine/plan-file.js";
import type { Plan } from "../engine/types.js";
import { renderJson } from "../render/json.js";
import { displayName, type Configuration } from "./marker.js";
import { oneLineSummary } from "./summary.js";

/** This step's own directory for `config`. */
export function stepDirectory(config: Configuration): string {
  const base = join(process.env.RUNNER_TEMP || tmpdir(), "orgctl");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${slug(config)}-`));
}

/** The artifact name of `config`'s reviewed plan: stable across runs, distinct per configuration. */
export function artifactName(config: Configuration): string {
  const hash = createHash("sha256").update(`${config.dir}\0${config.path}`).digest("hex").slice(0, 8);
  return `orgctl-plan-${slug(config)}-${hash}`;
}

function slug(config: Configuration): string {
  return displayName(config).replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "").slice(0, 60) || "root";
}

/** Writes plan-json and sets has-changes, plan-json and summary; returns the file path. */
export function publishPlan(dir: string, plan: Plan): string {
  const file = join(dir, "plan-redacted.json");
  writeFileSync(file, renderJson(plan));
  core.setOutput("has-changes", hasChanges(plan) ? "true" : "false");
  core.setOutput("plan-json", file);
  core.setOutput("summary", oneLineSummary(plan));
  return file;
}

export interface SavedPlan {
  file: string;
  sha256: string;
  artifact: string;
}

/** Writes the plan that merge will apply and sets plan-file, plan-sha256 and artifact-name. */
export function saveReviewedPlan(dir: string, config: Configuration, plan: Plan): SavedPlan {
  const file = join(dir, "plan.json");
  const text = serializePlan(plan);
  writeFileSync(file, text);
  const saved = { file, sha256: sha256(text), artifact: artifactName(config) };
  core.setOutput("plan-file", file);
  core.setOutput("plan-sha256", saved.sha256);
  core.setOutput("artifact-name", saved.artifact);
  return saved;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
