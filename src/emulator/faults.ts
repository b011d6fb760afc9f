// Fault injection: added latency, probabilistic throttles / 5xx / dropped connections per
// service and operation, lost answers to calls that did run (what makes retries unsafe),
// and a token bucket per (account, service). Seeded, so a run with the same seed and call
// order fails the same calls; a rule limited to its `first` N calls is exact whatever the seed.
import { AwsError, type FaultConfig, type FaultRule, type ServiceName } from "./types.js";
import { seededRandom, type Random } from "./random.js";

/** What happens instead of running the call. */
export type FaultOutcome = "none" | "throttle" | "5xx" | "drop" | "error";

export interface FaultDecision {
  delayMs: number;
  outcome: FaultOutcome;
  /** With outcome "error": the error to answer. */
  error?: AwsError;
  /** Only with outcome "none": the call runs and its effect stays, then its answer is lost this way. */
  lostAnswer?: "drop" | "5xx";
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class FaultInjector {
  private config: FaultConfig = {};
  private random: Random = seededRandom(1);
  private buckets = new Map<string, Bucket>();
  /** Matching calls seen per rule, for rules limited to their `first` N calls. */
  private seen = new Map<FaultRule, number>();

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
    this.seen.clear();
  }

  decide(service: ServiceName, operation: string, accountId: string): FaultDecision {
    let delayMs = this.config.latencyMs ?? 0;
    let outcome: FaultOutcome = "none";
    let error: AwsError | undefined;
    const rules = this.config.rules ?? [];
    for (const rule of rules) {
      if (rule.kind === "lose-response" || !this.fires(rule, service, operation)) continue;
      if (rule.kind === "latency") delayMs += rule.ms ?? 0;
      else if (outcome === "none") {
        outcome = rule.kind;
        if (rule.kind === "error") error = new AwsError(rule.error?.code ?? "InternalFailure", rule.error?.message ?? "injected error", rule.error?.status ?? 500);
      }
    }
    if (outcome === "none" && !this.takeToken(service, accountId)) outcome = "throttle";
    if (outcome !== "none") return error ? { delayMs, outcome, error } : { delayMs, outcome };
    // Only a call that runs can lose its answer, so these rules count only calls that run.
    let lostAnswer: FaultDecision["lostAnswer"];
    for (const rule of rules) {
      if (rule.kind === "lose-response" && this.fires(rule, service, operation)) lostAnswer ??= rule.answer ?? "drop";
    }
    return lostAnswer ? { delayMs, outcome, lostAnswer } : { delayMs, outcome };
  }

  private fires(rule: FaultRule, service: ServiceName, operation: string): boolean {
    const serviceMatches = !rule.service || rule.service === "*" || rule.service === service;
    const operationMatches = !rule.operation || rule.operation === "*" || rule.operation === operation;
    if (!serviceMatches || !operationMatches) return false;
    if (rule.first !== undefined) {
      const seen = (this.seen.get(rule) ?? 0) + 1;
      this.seen.set(rule, seen);
      if (seen > rule.first) return false;
    }
    return this.random() < rule.rate;
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
