// A deployment's progress is a pure function of its strategy, its start time and the world
// clock, so nothing runs in the background: every read computes where the rollout is now.
// Linear: the growth factor is added at each of ceil(100/G) evenly spaced steps.
// Exponential: G*2^N percent at step N until 100 (AWS's formula), steps evenly spaced too.
import type { DeploymentRecord, EnvironmentRecord, StrategyRecord } from "./state.js";

export type DeploymentState = "DEPLOYING" | "BAKING" | "COMPLETE" | "ROLLED_BACK" | "REVERTED";

export interface DeploymentEvent {
  EventType: string;
  TriggeredBy: "USER" | "APPCONFIG" | "CLOUDWATCH_ALARM";
  Description: string;
  OccurredAt: number;
}

export interface DeploymentView {
  state: DeploymentState;
  percentageComplete: number;
  completedAt?: number;
  /** Newest first, as AWS lists them. */
  events: DeploymentEvent[];
}

const MINUTE = 60_000;

export function growthSteps(strategy: Pick<StrategyRecord, "growthType" | "growthFactor">): number[] {
  const steps: number[] = [];
  const g = strategy.growthFactor;
  for (let n = 0; steps.at(-1) !== 100; n++) {
    const next = strategy.growthType === "LINEAR" ? g * (n + 1) : g * 2 ** n;
    steps.push(Math.min(100, next));
  }
  return steps;
}

export function totalMs(strategy: StrategyRecord): number {
  return (strategy.deploymentDurationInMinutes + strategy.finalBakeTimeInMinutes) * MINUTE;
}

export function deploymentView(d: DeploymentRecord, now: number): DeploymentView {
  const durationMs = d.strategy.deploymentDurationInMinutes * MINUTE;
  const bakeEnd = d.startedAt + totalMs(d.strategy);
  // A stopped deployment's progress froze at the stop.
  const until = d.stopped ? Math.min(d.stopped.at, now) : now;
  const steps = growthSteps(d.strategy);
  const interval = durationMs / steps.length;

  const events: DeploymentEvent[] = [
    { EventType: "DEPLOYMENT_STARTED", TriggeredBy: "USER", Description: "Deployment started", OccurredAt: d.startedAt },
  ];
  let percentage = 0;
  steps.forEach((p, i) => {
    const at = d.startedAt + interval * (i + 1);
    if (at > until) return;
    percentage = p;
    events.push({ EventType: "PERCENTAGE_UPDATED", TriggeredBy: "APPCONFIG", Description: `Configuration deployment percentage updated to ${p.toFixed(2)}%`, OccurredAt: at });
  });
  const bakeStart = d.startedAt + durationMs;
  if (bakeStart <= until) {
    events.push({ EventType: "BAKE_TIME_STARTED", TriggeredBy: "APPCONFIG", Description: "Deployment bake time started", OccurredAt: bakeStart });
  }

  let state: DeploymentState;
  let completedAt: number | undefined;
  if (bakeEnd <= until) {
    events.push({ EventType: "DEPLOYMENT_COMPLETED", TriggeredBy: "APPCONFIG", Description: "Deployment completed", OccurredAt: bakeEnd });
    state = "COMPLETE";
    completedAt = bakeEnd;
  } else {
    state = bakeStart <= until ? "BAKING" : "DEPLOYING";
  }
  if (d.stopped && d.stopped.at <= now) {
    const at = d.stopped.at;
    if (d.stopped.outcome === "REVERTED") {
      events.push({ EventType: "REVERT_COMPLETED", TriggeredBy: "USER", Description: "Configuration reverted to the previous version", OccurredAt: at });
    } else if (d.stopped.alarmArn !== undefined) {
      // AWS's DeploymentEvent: the description names "the Amazon CloudWatch alarm ARN that initiated a rollback".
      events.push({ EventType: "ROLLBACK_STARTED", TriggeredBy: "CLOUDWATCH_ALARM", Description: `Rollback initiated by CloudWatch alarm ${d.stopped.alarmArn}`, OccurredAt: at });
      events.push({ EventType: "ROLLBACK_COMPLETED", TriggeredBy: "APPCONFIG", Description: "Rollback completed", OccurredAt: at });
    } else {
      events.push({ EventType: "ROLLBACK_STARTED", TriggeredBy: "USER", Description: "Rollback initiated by the user", OccurredAt: at });
      events.push({ EventType: "ROLLBACK_COMPLETED", TriggeredBy: "APPCONFIG", Description: "Rollback completed", OccurredAt: at });
    }
    state = d.stopped.outcome;
    completedAt = at;
  }
  return { state, percentageComplete: percentage, completedAt, events: events.reverse() };
}

export function isInProgress(state: DeploymentState): boolean {
  return state === "DEPLOYING" || state === "BAKING";
}

/** AWS's EnvironmentState has no BAKING: an environment stays DEPLOYING until the bake ends. */
export function environmentState(env: EnvironmentRecord, now: number): string {
  const latest = env.deployments.at(-1);
  if (!latest) return "READY_FOR_DEPLOYMENT";
  const { state } = deploymentView(latest, now);
  if (isInProgress(state)) return "DEPLOYING";
  return state === "COMPLETE" ? "READY_FOR_DEPLOYMENT" : state;
}
