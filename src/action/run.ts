// The action: reads inputs, masks secrets, moves to the working directory and runs the
// command for the event (plan on pull requests, apply on the default branch, drift on
// a schedule), all in-process with the project's own loader, readers, engine and renderers.
import { resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { runApply } from "./apply.js";
import { runDrift } from "./drift.js";
import { shaOf } from "./github.js";
import { readInputs } from "./inputs.js";
import { displayName } from "./marker.js";
import { runPlan } from "./plan.js";
import type { PlanSessionOptions } from "./plan-session.js";
import { maskEnvironmentSecrets } from "./secrets.js";

export async function run(): Promise<void> {
  const inputs = readInputs(github.context);
  maskEnvironmentSecrets(inputs.token);
  process.chdir(resolve(inputs.workingDirectory));
  core.info(`orgctl ${inputs.command} for ${displayName(inputs.config)}`);
  const session: PlanSessionOptions = {
    commit: headSha(),
    runId: `gh-${github.context.runId}-${github.context.runAttempt}`,
    ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}),
  };
  if (inputs.command === "plan") await runPlan(inputs, session);
  else if (inputs.command === "drift") await runDrift(inputs, session);
  else await runApply(inputs, session);
}

/** The pull request's head commit (GITHUB_SHA is the merge commit there). */
function headSha(): string | undefined {
  return shaOf(github.context.payload.pull_request?.head) ?? (github.context.sha || undefined);
}
