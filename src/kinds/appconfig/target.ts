// Where an AppConfig change works: the account and region its resource names, with the
// clients (one with SDK retries, one that sends once) and the name → id directory.
import type { AppConfigClient } from "@aws-sdk/client-appconfig";
import type { ApplyContext } from "../../engine/operation.js";
import type { ChangeOf } from "../../engine/types.js";
import { AppConfigDirectory } from "./directory.js";

export type AppConfigType = "application" | "environment" | "profile" | "version" | "deployment";

const directories = new WeakMap<AppConfigClient, AppConfigDirectory>();

export interface Target {
  client: AppConfigClient;
  /** The same account and region without SDK retries, for calls that are not idempotent. */
  once: AppConfigClient;
  directory: AppConfigDirectory;
  accountId: string;
  region: string;
  progress: (line: string) => void;
}

/** The account and region a change works in, with its clients and name → id directory. */
export async function targetFor(change: ChangeOf<AppConfigType>, ctx: ApplyContext): Promise<Target> {
  const shape = change.after ?? change.before;
  if (shape === null) throw new Error(`${change.address}: the change has no resource`);
  if (change.accountId === undefined) throw new Error(`account ${change.account} has no id`);
  const accountId = change.accountId;
  const client = await ctx.clients.appconfig(accountId, shape.region);
  let directory = directories.get(client);
  if (!directory) directories.set(client, (directory = new AppConfigDirectory(client, `account ${accountId}, ${shape.region}`)));
  const once = await ctx.clients.once.appconfig(accountId, shape.region);
  return { client, once, directory, accountId, region: shape.region, progress: ctx.progress };
}

export function wanted<T>(value: T | null, change: { address: string }): T {
  if (value === null) throw new Error(`${change.address}: the change has no resource`);
  return value;
}

export function arnOf(t: Target, path: string): string {
  return `arn:aws:appconfig:${t.region}:${t.accountId}:${path}`;
}
