// Running orgctl as the roles of the README's minimal permissions: the plan role and the
// apply role in the management account and the access role in member accounts get exactly
// the given lists, and a step (plan or apply of a YAML) reports which calls it made and which
// AWS denied. Shared by the minimal-permissions tests (the core kinds; IAM beyond roles and
// organization policies).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { startEmulator, type EmulatorHandle, type Snapshot } from "../../src/emulator/index.js";
import { findRole, putRole } from "../../src/emulator/iam/state.js";
import { clientFor, envFor, type Keys } from "./emulator.js";
import { accessRolePolicy, applyRolePolicy, planRolePolicy, type PermissionLists } from "../fixtures/minimal-permissions.js";

const run = promisify(execFile);
export const MGMT = "111111111111";
export const ACCESS_ROLE = "OrganizationAccountAccessRole";

export type Step = { name: string; command: "plan" | "apply"; role: "orgctl-plan" | "orgctl-apply"; dir: string };

export interface Outcome {
  code: number;
  output: string;
  /** "service:Operation" of every call that succeeded, and of those denied with 403. */
  allowed: Set<string>;
  denied: Set<string>;
}

/** Grants the three roles the given lists (replacing whatever they had); `members` are the member accounts. */
function grant(handle: EmulatorHandle, lists: PermissionLists, members: string[]): void {
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole" }] });
  const set = (account: string, name: string, policy: string) => {
    const role = findRole(handle.world, account, name) ?? putRole(handle.world, account, { roleName: name, assumeRolePolicyDocument: trust });
    role.attachedPolicies = [];
    role.inlinePolicies = new Map([["orgctl", policy]]);
  };
  set(MGMT, "orgctl-plan", planRolePolicy(lists, ACCESS_ROLE));
  set(MGMT, "orgctl-apply", applyRolePolicy(lists, ACCESS_ROLE));
  for (const account of members) set(account, ACCESS_ROLE, accessRolePolicy(lists, ACCESS_ROLE));
}

async function sessionOf(handle: EmulatorHandle, role: string): Promise<Keys> {
  const sts = clientFor(handle, "sts");
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/${role}`, RoleSessionName: "ci" }));
  sts.destroy();
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Runs one step as its role against a fresh emulator started from `from`. */
export async function runStep(from: Snapshot, step: Step, lists: PermissionLists, members: string[]): Promise<Outcome & { after: Snapshot }> {
  const handle = await startEmulator({ snapshot: from, timeScale: 600 });
  try {
    grant(handle, lists, members);
    const keys = await sessionOf(handle, step.role);
    const start = handle.world.calls.length;
    const args = step.command === "apply" ? ["apply", step.dir, "--auto-approve"] : ["plan", step.dir];
    const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(handle, keys), NO_COLOR: "1" };
    delete env.AWS_PROFILE;
    delete env.GITHUB_SHA;
    let code = 0;
    let output = "";
    try {
      const out = await run(process.execPath, ["dist/orgctl.mjs", ...args], { env, maxBuffer: 16 * 1024 * 1024 });
      output = out.stdout + out.stderr;
    } catch (err) {
      const e = err as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof e.code !== "number") throw err;
      code = e.code;
      output = (e.stdout ?? "") + (e.stderr ?? "");
    }
    const calls = handle.world.calls.slice(start);
    const key = (c: (typeof calls)[number]) => `${c.service}:${c.operation}`;
    return {
      code,
      output,
      allowed: new Set(calls.filter((c) => c.status < 400).map(key)),
      denied: new Set(calls.filter((c) => c.status === 403).map(key)),
      after: handle.snapshot(),
    };
  } finally {
    await handle.stop();
  }
}

/** Whether the output names the denied action as AWS does (Organizations' message names no action: the denied call does). */
export function deniedFor(outcome: Outcome, action: string): boolean {
  return action.startsWith("organizations:")
    ? outcome.output.includes("AccessDeniedException") && outcome.denied.has(action)
    : outcome.output.includes(`is not authorized to perform: ${action} on resource:`);
}

/** The README's "Minimal permissions" section, one bullet by its bold title: the action names it lists. */
export function readmeActions(readme: string, title: string): Set<string> {
  const section = readme.slice(readme.indexOf("Minimal permissions"), readme.indexOf("## The local AWS emulator"));
  const start = section.indexOf(title);
  if (start < 0) throw new Error(`README has no "${title}" under Minimal permissions`);
  const end = section.indexOf("\n- **", start);
  const text = section.slice(start, end < 0 ? undefined : end);
  return new Set([...text.matchAll(/`(?:[a-z]+:)?([A-Z]\w+)`/g)].map((m) => m[1]!));
}
