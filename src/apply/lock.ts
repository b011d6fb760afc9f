// One apply at a time against one organization, with no infrastructure beyond what
// orgctl already reaches: the lock is an IAM customer-managed policy in the management
// account (in the caller's account without an organization). IAM's CreatePolicy is
// create-only (EntityAlreadyExists on a taken name), so exactly one of two racing applies
// gets it; its tags name the holder, the run and the expiry. The policy is never attached
// and denies nothing reachable: it only exists.
import { hostname } from "node:os";
import { CreatePolicyCommand, DeletePolicyCommand, GetPolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import { hasCode } from "../aws/retry/transient.js";

export const LOCK_POLICY_NAME = "orgctl-apply-lock";
export const LOCK_POLICY_PATH = "/orgctl/";
/** Long enough for a large apply; a crashed run's lock lapses after it. */
export const LOCK_TTL_MS = 60 * 60 * 1000;

const DOCUMENT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "OrgctlApplyLock", Effect: "Deny", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/orgctl-apply-lock-holds-nothing" }],
});

export interface LockHolder {
  holder: string;
  runId: string;
  expires: Date;
  /** Where the holding process runs, so a run killed on this machine frees its lock at once. */
  host?: string;
  pid?: number;
}

export class LockHeld extends Error {
  override name = "LockHeld";
  constructor(readonly current: LockHolder | undefined) {
    super(
      current
        ? `another apply holds the lock: ${current.holder} (run ${current.runId}) until ${current.expires.toISOString()}; wait for it, or if that run is dead: orgctl unlock ${current.runId}`
        : "another apply holds the lock (its holder could not be read); if no apply is running: orgctl unlock",
    );
  }
}

export function lockArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:policy${LOCK_POLICY_PATH}${LOCK_POLICY_NAME}`;
}

export interface ApplyLock {
  release(): Promise<void>;
}

/**
 * Takes the lock or throws LockHeld. An expired lock, or one whose process on this
 * machine is gone (kill -9), is broken and taken again; the create stays atomic, so two runs breaking the same stale lock still end
 * with one holder.
 */
export async function acquireLock(iam: IAMClient, accountId: string, me: Omit<LockHolder, "expires">, now = () => Date.now()): Promise<ApplyLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const expires = new Date(now() + LOCK_TTL_MS);
    try {
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: LOCK_POLICY_NAME,
          Path: LOCK_POLICY_PATH,
          PolicyDocument: DOCUMENT,
          Description: "orgctl apply lock: one apply at a time (delete with orgctl unlock)",
          Tags: [
            { Key: "orgctl:lock-holder", Value: me.holder.slice(0, 256) },
            { Key: "orgctl:lock-run", Value: me.runId },
            { Key: "orgctl:lock-expires", Value: expires.toISOString() },
            { Key: "orgctl:lock-host", Value: hostname().slice(0, 256) },
            { Key: "orgctl:lock-pid", Value: String(process.pid) },
          ],
        }),
      );
      return { release: () => deleteLock(iam, accountId) };
    } catch (err) {
      if (!hasCode(err, "EntityAlreadyExists")) throw err;
      const current = await readLock(iam, accountId);
      // A create whose answer was lost and retried by the SDK meets its own lock.
      if (current?.runId === me.runId) return { release: () => deleteLock(iam, accountId) };
      if (current && current.expires.getTime() > now() && !diedHere(current)) throw new LockHeld(current);
      if (attempt > 0) throw new LockHeld(current);
      await deleteLock(iam, accountId);
    }
  }
  throw new LockHeld(undefined);
}

/** The current holder, or undefined when there is no lock. */
export async function readLock(iam: IAMClient, accountId: string): Promise<LockHolder | undefined> {
  try {
    const out = await iam.send(new GetPolicyCommand({ PolicyArn: lockArn(accountId) }));
    const tag = (key: string) => out.Policy?.Tags?.find((t) => t.Key === key)?.Value;
    const expires = new Date(tag("orgctl:lock-expires") ?? 0);
    const pid = Number(tag("orgctl:lock-pid"));
    return {
      holder: tag("orgctl:lock-holder") ?? "unknown",
      runId: tag("orgctl:lock-run") ?? "unknown",
      expires: Number.isNaN(expires.getTime()) ? new Date(0) : expires,
      ...(tag("orgctl:lock-host") !== undefined ? { host: tag("orgctl:lock-host") } : {}),
      ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}),
    };
  } catch (err) {
    if (hasCode(err, "NoSuchEntity")) return undefined;
    throw err;
  }
}

/** A lock taken on this machine by a process that no longer exists (killed, crashed). */
function diedHere(lock: LockHolder): boolean {
  if (lock.host !== hostname() || lock.pid === undefined || lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export async function deleteLock(iam: IAMClient, accountId: string): Promise<void> {
  try {
    await iam.send(new DeletePolicyCommand({ PolicyArn: lockArn(accountId) }));
  } catch (err) {
    if (!hasCode(err, "NoSuchEntity")) throw err;
  }
}
