// Where eventual consistency shows: services note a role they just created, and ask whether
// it has propagated far enough to be a principal, be assumed, or appear in reads. With the
// setting off every answer is "yes" and nothing is recorded.
import type { World } from "../types.js";
import { propagationOf, type Lag } from "./settings.js";

const key = (arn: string) => arn.toLowerCase();

/** A role just created by CreateRole (or, with `accessRole`, by Organizations for a new account). */
export function noteNewRole(world: World, arn: string, opts: { accessRole?: boolean } = {}): void {
  const p = propagationOf(world);
  if (!p) return;
  const now = world.clock.wallNow();
  const { principalMs = 0, assumeMs = 0, accessRoleMs = 0, readMs = 0 } = p.settings;
  const lag = (ms: number) => now + Math.round(ms * (0.5 + p.random()));
  p.readyAt.set(key(arn), {
    principal: lag(principalMs),
    assume: lag(opts.accessRole ? Math.max(assumeMs, accessRoleMs) : assumeMs),
    read: lag(readMs),
  });
}

/** Whether the role has propagated for this purpose (roles the setting never saw always have). */
export function propagated(world: World, arn: string, lag: Lag): boolean {
  const ready = propagationOf(world)?.readyAt.get(key(arn));
  if (!ready) return true;
  return world.clock.wallNow() >= ready[lag];
}
