// Fault injection: added latency, probabilistic throttles / 5xx / dropped connections per
// service and operation, and a token bucket per (account, service). Seeded, so a run with
// the same seed and call order fails the same calls.
import type { FaultConfig, ServiceName } from "./types.js";
import { seededRandom, type Random } from "./random.js";

export type FaultOutcome = "none" | "throttle" | "5xx" | "drop";

export interface FaultDecision {
  delayMs: number;
  outcome: FaultOutcome;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class FaultInjector {
  private config: FaultConfig = {};
  private random: Random = seededRandom(1);
  private buckets = new Map<string, Bucket>();

  constructor(
    config: FaultConfig | undefined,
    private readonly defaultSeed: number,
    /** Rate limits count real calls per real second, whatever the emulated clock does. */
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.set(config ?? {});
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed ?? this.defaultSeed);
    this.buckets.clear();
  }

  decide(service: ServiceName, operation: string, accountId: string): FaultDecision {
    let delayMs = this.config.latencyMs ?? 0;
    let outcome: FaultOutcome = "none";
    for (const rule of this.config.rules ?? []) {
      const serviceMatches = !rule.service || rule.service === "*" || rule.service === service;
      const operationMatches = !rule.operation || rule.operation === "*" || rule.operation === operation;
      if (!serviceMatches || !operationMatches || this.random() >= rule.rate) continue;
      if (rule.kind === "latency") delayMs += rule.ms ?? 0;
      else if (outcome === "none") outcome = rule.kind;
    }
    if (outcome === "none" && !this.takeToken(service, accountId)) outcome = "throttle";
    return { delayMs, outcome };
  }

  /** Picks 500 or 503 for a 5xx fault, as both occur in practice. */
  serverErrorStatus(): 500 | 503 {
    return this.random() < 0.5 ? 500 : 503;
  }

  private takeToken(service: ServiceName, accountId: string): boolean {
    const perSecond = this.config.rateLimits?.[service];
    if (perSecond === undefined) return true;
    const key = `${accountId}:${service}`;
    const now = this.realNow();
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, refilledAt: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.refilledAt) / 1000) * perSecond);
    bucket.refilledAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
