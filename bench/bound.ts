// The rate-limit lower bound for `orgctl plan`: the least wall time any reader with
// orgctl's phase structure and concurrency could take against the given quotas and
// latency. See docs/scale.md for the formula.

export interface Limits {
  latencyMs: number;
  /** Calls per second: Organizations for the management account, STS for the caller, IAM per account. */
  rates: { organizations: number; sts: number; iam: number; appconfig: number };
  /** Accounts read in parallel (plan --concurrency). */
  concurrency: number;
  /** Organizations calls in flight at most (the organization reader's pool, two lists per parent). */
  organizationsConcurrency: number;
}

export interface Bound {
  seconds: number;
  organizationSeconds: number;
  accountSeconds: number;
  /** Which term bounds each phase. */
  limitedBy: { organization: "rate" | "latency"; accounts: "rate" | "latency" };
}

/** Sequential calls per account: AssumeRole, then the IAM reads (two in parallel, one page each). */
const ACCOUNT_DEPTH = 2;

export function planLowerBound(calls: Record<string, number>, limits: Limits): Bound {
  const L = limits.latencyMs / 1000;
  const sum = (prefix: string) => Object.entries(calls).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  // A token bucket starts full: the first `rate` calls of a second are free of waiting.
  const rateTime = (n: number, rate: number) => Math.max(0, n - rate) / rate;

  const org = sum("organizations:");
  const orgRate = rateTime(org, limits.rates.organizations);
  const orgLatency = (org * L) / limits.organizationsConcurrency;

  const accounts = calls["sts:AssumeRole"] ?? 0;
  const stsRate = rateTime(accounts, limits.rates.sts);
  const accLatency = (accounts * ACCOUNT_DEPTH * L) / limits.concurrency;

  const organizationSeconds = Math.max(orgRate, orgLatency);
  const accountSeconds = Math.max(stsRate, accLatency);
  return {
    // GetCallerIdentity first, then the organization and the accounts side by side (every
    // synthetic account has its id in the YAML, so none waits for the account listing).
    seconds: L + Math.max(organizationSeconds, accountSeconds),
    organizationSeconds,
    accountSeconds,
    limitedBy: { organization: orgRate >= orgLatency ? "rate" : "latency", accounts: stsRate >= accLatency ? "rate" : "latency" },
  };
}

/** Reads come before any write: a saved plan is checked against live state first. */
const READ = /^[a-z]+:(Get|List|Describe)/;

/**
 * The least wall time for an apply that made `calls`: its reads bounded as a plan's
 * (GetCallerIdentity, AssumeRole, the re-reads), then its writes, each one call after
 * another within a change, at most `concurrency` changes at a time, Organizations writes
 * also at the Organizations rate. See docs/scale.md.
 */
export function applyLowerBound(calls: Record<string, number>, limits: Limits, concurrency: number): { seconds: number; readSeconds: number; writeSeconds: number } {
  const reads = Object.fromEntries(Object.entries(calls).filter(([k]) => READ.test(k) || k.startsWith("sts:")));
  const writes = Object.entries(calls).filter(([k]) => !(k in reads));
  const count = (list: [string, number][]) => list.reduce((n, [, v]) => n + v, 0);
  const L = limits.latencyMs / 1000;
  const organizationWrites = count(writes.filter(([k]) => k.startsWith("organizations:")));
  const writeSeconds = Math.max((count(writes) * L) / concurrency, Math.max(0, organizationWrites - limits.rates.organizations) / limits.rates.organizations);
  const readSeconds = planLowerBound(reads, limits).seconds;
  return { seconds: readSeconds + writeSeconds, readSeconds, writeSeconds };
}
