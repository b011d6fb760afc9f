// The hook tests and the sandbox use to change an alarm's state: stores it, then AppConfig
// rolls back the deployments its monitors watch (the only service here that reads alarms).
import type { World } from "../types.js";
import { rollBackOnAlarm } from "../appconfig/monitors.js";
import { storeAlarmState, type AlarmState } from "./state.js";

export function setAlarmState(world: World, alarmArn: string, state: AlarmState): void {
  storeAlarmState(world, alarmArn, state);
  if (state === "ALARM") rollBackOnAlarm(world, alarmArn);
}
