// The action's inputs (action.yml), with the command chosen by the triggering event
// when not given: pull_request → plan, push to the default branch → apply, schedule → drift.
import * as core from "@actions/core";
import type { context } from "@actions/github";

type EventContext = Pick<typeof context, "eventName" | "ref" | "payload">;

export type Command = "plan" | "apply" | "drift";

export interface ActionInputs {
  command: Command;
  path: string;
  token: string;
  workingDirectory: string;
  comment: boolean;
  failOnDrift: boolean;
  concurrency?: number;
}

const COMMANDS: Command[] = ["plan", "apply", "drift"];

export function readInputs(context: EventContext): ActionInputs {
  const concurrency = core.getInput("concurrency");
  return {
    command: commandFor(core.getInput("command"), context),
    path: core.getInput("path") || ".",
    token: core.getInput("github-token"),
    workingDirectory: core.getInput("working-directory") || ".",
    comment: flag("comment", true),
    failOnDrift: flag("fail-on-drift", true),
    ...(concurrency ? { concurrency: positiveInt("concurrency", concurrency) } : {}),
  };
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
