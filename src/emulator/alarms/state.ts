// CloudWatch alarm states, as far as AppConfig needs them: the emulator has no metrics, so
// tests and the sandbox set an alarm's state by hand (EmulatorHandle.setAlarmState) to
// rehearse what a monitor does. States live in the alarm's account, keyed by its ARN; an
// alarm never set is OK. Setting one goes through set.ts, which lets AppConfig react.
import type { World } from "../types.js";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

const ALARM_ARN = /^arn:aws[\w-]*:cloudwatch:[a-z0-9-]+:(\d{12}):alarm:.+$/;

type Slot = Map<string, AlarmState>;

function slot(world: World, accountId: string): Slot {
  const account = world.ensureAccount(accountId);
  let states = account.slots.get("cloudwatch-alarms") as Slot | undefined;
  if (!states) {
    states = new Map();
    account.slots.set("cloudwatch-alarms", states);
  }
  return states;
}

export function alarmState(world: World, alarmArn: string): AlarmState {
  const accountId = ALARM_ARN.exec(alarmArn)?.[1];
  return accountId === undefined ? "OK" : (slot(world, accountId).get(alarmArn) ?? "OK");
}

/** Stores a state; use set.ts's setAlarmState, which also lets monitors react. */
export function storeAlarmState(world: World, alarmArn: string, state: AlarmState): void {
  const accountId = ALARM_ARN.exec(alarmArn)?.[1];
  if (accountId === undefined) throw new Error(`not a CloudWatch alarm ARN: ${alarmArn}`);
  slot(world, accountId).set(alarmArn, state);
}
