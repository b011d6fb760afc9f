// What every AppConfig operation handler receives, and lookups that fail with AppConfig's
// ResourceNotFoundException.
import type { EmuRequest, EmuResponse, World } from "../types.js";
import { notFound } from "./errors.js";
import type { ApplicationRecord, EnvironmentRecord, ProfileRecord, RegionState } from "./state.js";

export interface Ctx {
  req: EmuRequest;
  world: World;
  state: RegionState;
  /** Path labels by name, e.g. { ApplicationId: "abc1234" }. */
  params: Record<string, string>;
}

export type Handler = (ctx: Ctx) => EmuResponse;

export function findApplication(ctx: Ctx): ApplicationRecord {
  const id = ctx.params.ApplicationId!;
  const app = ctx.state.applications.get(id);
  if (!app) throw notFound("Application", id);
  return app;
}

export function findEnvironment(ctx: Ctx, app = findApplication(ctx)): EnvironmentRecord {
  const id = ctx.params.EnvironmentId!;
  const env = app.environments.get(id);
  if (!env) throw notFound("Environment", id);
  return env;
}

export function findProfile(ctx: Ctx, app = findApplication(ctx), id = ctx.params.ConfigurationProfileId!): ProfileRecord {
  const profile = app.profiles.get(id);
  if (!profile) throw notFound("ConfigurationProfile", id);
  return profile;
}
