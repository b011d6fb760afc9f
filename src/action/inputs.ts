// The action's inputs (action.yml), with the command chosen by the triggering event
// when not given: pull_request → plan, push to the default branch → apply, schedule → drift.
import * as core from "@actions/core";
import type { context } from "@actions/github";
import { configuration, type Configuration } from "./marker.js";

type EventContext = Pick<typeof context, "eventName" | "ref" | "payload">;

export type Command = "plan" | "apply" | "drift";

export interface ActionInputs {
  command: Command;
  path: string;
  token: string;
  workingDirectory: string;
  /** Working directory and path together: what markers and artifact names are keyed by. */
  config: Configuration;
  comment: boolean;
  failOnDrift: boolean;
  /** Login the token writes as, for installation tokens other than GITHUB_TOKEN (e.g. "my-app[bot]"). */
  commentAuthor: string;
  /** Pull request plans: "changed" reads only accounts whose YAML changed since the base, "full" reads all. */
  scope: "changed" | "full";
  concurrency?: number;
}

const COMMANDS: Command[] = ["plan", "apply", "drift"];

export function readInputs(context: EventContext): ActionInputs {
  const concurrency = core.getInput("concurrency");
  const path = core.getInput("path") || ".";
  const workingDirectory = core.getInput("working-directory") || ".";
  return {
    command: commandFor(core.getInput("command"), context),
    path,
    token: core.getInput("github-token"),
    workingDirectory,
    config: configuration(workingDirectory, path),
    comment: flag("comment", true),
    failOnDrift: flag("fail-on-drift", true),
    commentAuthor: core.getInput("comment-author"),
    scope: scopeInput(core.getInput("plan-scope")),
    ...(concurrency ? { concurrency: positiveInt("concurrency", concurrency) } : {}),
  };
}

function scopeInput(value: string): "changed" | "full" {
  if (value === "" || value === "changed") return "changed";
  if (value === "full") return "full";
  throw new Error(`input plan-scope: expected changed or full, got "${value}"`);
}

function commandFor(given: string, context: EventContext): Command {
  if (given) {
    if (!COMMANDS.includes(given as Command)) throw new Error(`input command: expected one of ${COMMANDS.join(", ")}, got "${given}"`);
    return given as Command;
  }
  switch (context.eventName) {
    case "pull_request":
    case "pull_request_target":
      return "plan";
    case "push": {
      // Only the default branch is applied by default; other branches just plan.
      const defaultBranch = context.payload.repository?.default_branch as string | undefined;
      return defaultBranch && context.ref === `refs/heads/${defaultBranch}` ? "apply" : "plan";
    }
    case "schedule":
      return "drift";
    default:
      throw new Error(`no default command for the "${context.eventName}" event: set the command input (plan, apply or drift)`);
  }
}

function flag(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase();
  if (value === "") return fallback;
  if (["true", "on", "yes"].includes(value)) return true;
  if (["false", "off", "no"].includes(value)) return false;
  throw new Error(`input ${name}: expected true/false (or on/off), got "${value}"`);
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`input ${name}: expected a positive integer, got "${value}"`);
  return n;
}
