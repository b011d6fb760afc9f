// Environment monitors: "AppConfig monitors alarms during a configuration deployment. If an
// alarm is triggered, the system rolls back the configuration" (API reference,
// CreateEnvironment), also during the final bake time (CreateDeploymentStrategy,
// FinalBakeTimeInMinutes). The emulator acts when an alarm's state is set (alarms/set.ts)
// and when a deployment starts while a monitored alarm is already in ALARM.
import { badRequest } from "./errors.js";
import { compact } from "./rest-json.js";
import { allRegionStates, type DeploymentRecord, type EnvironmentRecord } from "./state.js";
import { deploymentView, isInProgress } from "./deployment-timeline.js";
import { alarmState } from "../alarms/state.js";
import type { World } from "../types.js";

const ROLE_ARN = /^((arn):(aws|aws-cn|aws-iso|aws-iso-[a-z]{1}|aws-us-gov|aws-eusc):(iam)::\d{12}:role[/].*)$/;

/** Monitors as botocore's MonitorList: at most 5, AlarmArn 1..2048, AlarmRoleArn an IAM role ARN. */
export function readMonitors(value: unknown): EnvironmentRecord["monitors"] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 5) throw badRequest("Monitors must be a list of at most 5 monitors");
  return value.map((m: unknown) => {
    const monitor: Record<string, unknown> = typeof m === "object" && m !== null ? { ...m } : {};
    const { AlarmArn, AlarmRoleArn } = monitor;
    if (typeof AlarmArn !== "string" || AlarmArn.length < 1 || AlarmArn.length > 2048) throw badRequest("Monitor AlarmArn is required and must be 1 to 2048 characters long");
    if (AlarmRoleArn !== undefined && AlarmRoleArn !== null && (typeof AlarmRoleArn !== "string" || AlarmRoleArn.length < 20 || AlarmRoleArn.length > 2048 || !ROLE_ARN.test(AlarmRoleArn))) {
      throw badRequest("Monitor AlarmRoleArn must be an IAM role ARN");
    }
    return compact({ AlarmArn, AlarmRoleArn: typeof AlarmRoleArn === "string" ? AlarmRoleArn : undefined });
  });
}

/** The first of the environment's monitored alarms that is in ALARM. */
export function alarmingMonitor(world: World, env: EnvironmentRecord): string | undefined {
  return env.monitors.find((m) => alarmState(world, m.AlarmArn) === "ALARM")?.AlarmArn;
}

function rollBack(d: DeploymentRecord, at: number, alarmArn: string): void {
  d.stopped = { at, outcome: "ROLLED_BACK", alarmArn };
}

/** Rolls back every in-progress deployment of an environment that monitors this alarm. */
export function rollBackOnAlarm(world: World, alarmArn: string): void {
  const now = world.clock.now();
  for (const state of allRegionStates(world)) {
    for (const app of state.applications.values()) {
      for (const env of app.environments.values()) {
        const latest = env.deployments.at(-1);
        if (!latest || !env.monitors.some((m) => m.AlarmArn === alarmArn)) continue;
        if (isInProgress(deploymentView(latest, now).state)) rollBack(latest, now, alarmArn);
      }
    }
  }
}

/** A deployment started while a monitored alarm is in ALARM rolls back at once (just after StartDeployment answers). */
export function rollBackIfAlarming(world: World, env: EnvironmentRecord, d: DeploymentRecord): void {
  const alarm = alarmingMonitor(world, env);
  if (alarm !== undefined) rollBack(d, d.startedAt + 1, alarm);
}
