// AppConfig operations in the application's account and region: applications,
// environments and profiles (create/update/delete), hosted versions (created only when
// no version of the profile has the same content) and deployments. Creates are not
// idempotent on AWS: each carries a marker tag and is sent once (see create-marker.ts).
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateEnvironmentCommand,
  DeleteApplicationCommand,
  DeleteConfigurationProfileCommand,
  DeleteEnvironmentCommand,
  DeleteHostedConfigurationVersionCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  UpdateConfigurationProfileCommand,
  UpdateEnvironmentCommand,
  paginateListConfigurationProfiles,
  paginateListEnvironments,
  paginateListHostedConfigurationVersions,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { sendOnce } from "../../aws/retry/send-once.js";
import { hasCode } from "../../aws/retry/transient.js";
import type { ApplyContext } from "../../engine/operation.js";
import { arnOf, targetFor, wanted, type AppConfigType, type Target } from "./target.js";
import type { ApplicationResource } from "./application/resource.js";
import type { EnvironmentResource } from "./environment/resource.js";
import type { ProfileResource } from "./profile/resource.js";
import { describeOwnership, mayDelete, mayUpdate, ownershipOf } from "../../model/ownership.js";
import type { KindOperation, ResourceKind } from "../../engine/kind.js";
import type { ChangeOf } from "../../engine/types.js";
import type { Tags } from "../../model/types.js";
import { createVersion, deploy } from "./deployment/operations.js";
import { CREATE_MARKER_TAG, newCreateMarker, withoutCreateMarker } from "./create-marker.js";

/**
 * AppConfig does not keep names unique, so a create is sent once with a marker tag
 * (createMarked). Should the operation itself fail afterwards and be retried, its earlier
 * effect is the resource now found by name: the run converges it instead of creating.
 */
function createOperation<T extends "application" | "environment" | "profile">(
  exists: (t: Target, change: ChangeOf<T>) => Promise<boolean>,
  run: (t: Target, change: ChangeOf<T>, ctx: ApplyContext) => Promise<void>,
  reference: (t: Target, change: ChangeOf<T>) => Promise<Record<string, string>>,
): KindOperation<T> {
  return {
    idempotent: false,
    run: async (change, ctx) => {
      const t = await targetFor(change, ctx);
      await run(t, change, ctx);
      return { resolved: await reference(t, change) };
    },
    findEarlierEffect: async (change, ctx) => {
      const t = await targetFor(change, ctx);
      if (!(await exists(t, change))) return undefined;
      await run(t, change, ctx);
      return { outcome: { resolved: await reference(t, change) } };
    },
  };
}

/** What a create makes known: `${app:…}`, `${environment:…}` or `${profile:…}` for what it created (src/model/references). */
const appReference = async (t: Target, change: ChangeOf<"application">): Promise<Record<string, string>> => {
  const name = wanted(change.after, change).name;
  const id = await t.directory.application(name);
  return id === undefined ? {} : { [`\${app:${name}}`]: id };
};
const childReference =
  <T extends "environment" | "profile">(kind: T, find: (t: Target, appId: string, name: string) => Promise<string | undefined>) =>
  async (t: Target, change: ChangeOf<T>): Promise<Record<string, string>> => {
    const { application, name } = wanted(change.after, change);
    const appId = await t.directory.application(application);
    const id = appId === undefined ? undefined : await find(t, appId, name);
    return id === undefined ? {} : { [`\${${kind}:${application}/${name}}`]: id };
  };

function converging<T extends AppConfigType>(run: (t: Target, change: ChangeOf<T>, ctx: ApplyContext) => Promise<void>): KindOperation<T> {
  return { idempotent: true, run: async (change, ctx) => run(await targetFor(change, ctx), change, ctx) };
}

const applicationExists = async (t: Target, change: ChangeOf<"application">) => (await t.directory.application(wanted(change.after, change).name)) !== undefined;
const convergeApp = (t: Target, change: ChangeOf<"application">, ctx: ApplyContext) => convergeApplication(t, wanted(change.after, change), change.action, ctx.owner);

export const applicationOperations: ResourceKind<"application">["operations"] = {
  create: createOperation(applicationExists, convergeApp, appReference),
  update: converging(convergeApp),
  adopt: converging(convergeApp),
  delete: converging((t, change, ctx) => deleteApplication(t, wanted(change.before, change), ctx.owner)),
};

async function inApplication(t: Target, application: string, find: (appId: string) => Promise<string | undefined>): Promise<boolean> {
  const appId = await t.directory.application(application);
  return appId !== undefined && (await find(appId)) !== undefined;
}

const environmentExists = async (t: Target, change: ChangeOf<"environment">) => {
  const env = wanted(change.after, change);
  return inApplication(t, env.application, (appId) => t.directory.environment(appId, env.name));
};
const convergeEnv = (t: Target, change: ChangeOf<"environment">) => convergeEnvironment(t, wanted(change.after, change));

export const environmentOperations: ResourceKind<"environment">["operations"] = {
  create: createOperation(environmentExists, convergeEnv, childReference("environment", (t, appId, name) => t.directory.environment(appId, name))),
  update: converging(convergeEnv),
  delete: converging((t, change) => deleteEnvironment(t, wanted(change.before, change))),
};

const profileExists = async (t: Target, change: ChangeOf<"profile">) => {
  const profile = wanted(change.after, change);
  return inApplication(t, profile.application, (appId) => t.directory.profile(appId, profile.name));
};
const convergeProf = (t: Target, change: ChangeOf<"profile">) => convergeProfile(t, wanted(change.after, change));

export const profileOperations: ResourceKind<"profile">["operations"] = {
  create: createOperation(profileExists, convergeProf, childReference("profile", (t, appId, name) => t.directory.profile(appId, name))),
  update: converging(convergeProf),
  delete: converging((t, change) => deleteProfile(t, wanted(change.before, change))),
};

export const versionOperations: ResourceKind<"version">["operations"] = {
  // Looks for a hosted version with this content first, and sends the create once:
  // a version found with the content afterwards is this create's own (versionCreate).
  create: converging((t, change, ctx) => createVersion(t, change, ctx)),
};

export const deploymentOperations: ResourceKind<"deployment">["operations"] = {
  // Finds a deployment of the pinned version already running or done before starting one.
  deploy: converging((t, change, ctx) => deploy(t, change, ctx)),
};

async function convergeApplication(t: Target, app: ApplicationResource, action: string, owner: string): Promise<void> {
  const id = await t.directory.application(app.name);
  if (!id) {
    const created = await createMarked(t, `application ${app.name}`, () => t.directory.applicationsNamed(app.name), (found) => arnOf(t, `application/${found}`), async (marker) => {
      const out = await t.once.send(new CreateApplicationCommand({ Name: app.name, Description: app.description || undefined, Tags: { ...app.tags, ...marker } }));
      return out.Id!;
    });
    t.directory.remember("app", app.name, created);
    return;
  }
  const arn = arnOf(t, `application/${id}`);
  // A create that finds the application is an earlier interrupted run only if it is ours;
  // an update needs it to be ours; only an adopt may take it over.
  const tags = await tagsOf(t, arn);
  const allowed = action === "create" ? ownershipOf(tags, owner).kind === "mine" : mayUpdate(tags, owner, action === "adopt");
  if (!allowed) {
    throw new Error(`application ${app.name} exists and is ${describeOwnership(ownershipOf(tags, owner))}: refusing to change it`);
  }
  await t.client.send(new UpdateApplicationCommand({ ApplicationId: id, Description: app.description }));
  await convergeTags(t, arn, app.tags);
}

function monitorsOf(env: EnvironmentResource) {
  return env.monitors?.map((m) => ({ AlarmArn: m.alarm, ...(m.role !== undefined ? { AlarmRoleArn: m.role } : {}) }));
}

async function convergeEnvironment(t: Target, env: EnvironmentResource): Promise<void> {
  const appId = await t.directory.requireApplication(env.application);
  const id = await t.directory.environment(appId, env.name);
  if (!id) {
    const envArn = (found: string) => arnOf(t, `application/${appId}/environment/${found}`);
    const created = await createMarked(t, `environment ${env.name} of ${env.application}`, () => t.directory.environmentsNamed(appId, env.name), envArn, async (marker) => {
      const out = await t.once.send(
        new CreateEnvironmentCommand({ ApplicationId: appId, Name: env.name, Description: env.description || undefined, Monitors: monitorsOf(env), Tags: { ...env.tags, ...marker } }),
      );
      return out.Id!;
    });
    t.directory.remember("env", `${appId}/${env.name}`, created);
    return;
  }
  // Monitors are always sent: an empty list removes the ones no longer declared.
  await t.client.send(new UpdateEnvironmentCommand({ ApplicationId: appId, EnvironmentId: id, Description: env.description, Monitors: monitorsOf(env) ?? [] }));
  await convergeTags(t, arnOf(t, `application/${appId}/environment/${id}`), env.tags);
}

async function convergeProfile(t: Target, profile: ProfileResource): Promise<void> {
  const appId = await t.directory.requireApplication(profile.application);
  const id = await t.directory.profile(appId, profile.name);
  const Validators = profile.validators.map((v) => ({ Type: v.type as "JSON_SCHEMA" | "LAMBDA", Content: v.content }));
  if (!id) {
    const profileArn = (found: string) => arnOf(t, `application/${appId}/configurationprofile/${found}`);
    const created = await createMarked(t, `profile ${profile.name} of ${profile.application}`, () => t.directory.profilesNamed(appId, profile.name), profileArn, async (marker) => {
      const out = await t.once.send(
        new CreateConfigurationProfileCommand({
          ApplicationId: appId,
          Name: profile.name,
          Description: profile.description || undefined,
          LocationUri: "hosted",
          Type: profile.type,
          Validators,
          Tags: marker,
        }),
      );
      return out.Id!;
    });
    t.directory.remember("profile", `${appId}/${profile.name}`, created);
    return;
  }
  await t.client.send(
    new UpdateConfigurationProfileCommand({ ApplicationId: appId, ConfigurationProfileId: id, Description: profile.description, Validators }),
  );
}

/**
 * Creates a resource tagged with a marker new to this operation. If the create fails in
 * any way (its answer may be lost after AWS made it), the resource with the same name and
 * this marker is this create's own effect: it is used instead of creating another.
 */
async function createMarked(
  t: Target,
  what: string,
  named: () => Promise<string[]>,
  arn: (id: string) => string,
  create: (marker: Tags) => Promise<string>,
): Promise<string> {
  const marker = newCreateMarker();
  return sendOnce({
    send: () => create({ [CREATE_MARKER_TAG]: marker }),
    find: async () => {
      for (const id of await named()) if ((await tagsOf(t, arn(id)))[CREATE_MARKER_TAG] === marker) return id;
      return undefined;
    },
    onResend: (failure, attempt) => t.progress(`AppConfig ${what}: ${failure} and not created; sending again (${attempt + 1})`),
  });
}

async function deleteApplication(t: Target, app: ApplicationResource, owner: string): Promise<void> {
  const id = await t.directory.application(app.name);
  if (!id) return;
  // Re-check ownership at the last moment: the plan may be old or edited by hand.
  const tags = await tagsOf(t, arnOf(t, `application/${id}`));
  if (!mayDelete(tags, owner)) throw new Error(`application ${app.name} is ${describeOwnership(ownershipOf(tags, owner))}: refusing to delete it`);
  for await (const page of paginateListEnvironments({ client: t.client }, { ApplicationId: id })) {
    for (const env of page.Items ?? []) await goneIsDone(t.client.send(new DeleteEnvironmentCommand({ ApplicationId: id, EnvironmentId: env.Id! })));
  }
  for await (const page of paginateListConfigurationProfiles({ client: t.client }, { ApplicationId: id })) {
    for (const p of page.Items ?? []) await deleteProfileById(t, id, p.Id!);
  }
  await goneIsDone(t.client.send(new DeleteApplicationCommand({ ApplicationId: id })));
  t.directory.forget("app", app.name);
}

async function deleteEnvironment(t: Target, env: EnvironmentResource): Promise<void> {
  const appId = await t.directory.requireApplication(env.application);
  const id = await t.directory.environment(appId, env.name);
  if (!id) return;
  await goneIsDone(t.client.send(new DeleteEnvironmentCommand({ ApplicationId: appId, EnvironmentId: id })));
  t.directory.forget("env", `${appId}/${env.name}`);
}

async function deleteProfile(t: Target, profile: ProfileResource): Promise<void> {
  const appId = await t.directory.requireApplication(profile.application);
  const id = await t.directory.profile(appId, profile.name);
  if (!id) return;
  await deleteProfileById(t, appId, id);
  t.directory.forget("profile", `${appId}/${profile.name}`);
}

/** Hosted versions first: a profile with versions left cannot be deleted. */
async function deleteProfileById(t: Target, appId: string, id: string): Promise<void> {
  const numbers: number[] = [];
  for await (const page of paginateListHostedConfigurationVersions({ client: t.client }, { ApplicationId: appId, ConfigurationProfileId: id })) {
    for (const v of page.Items ?? []) numbers.push(v.VersionNumber!);
  }
  for (const VersionNumber of numbers) {
    await goneIsDone(t.client.send(new DeleteHostedConfigurationVersionCommand({ ApplicationId: appId, ConfigurationProfileId: id, VersionNumber })));
  }
  await goneIsDone(t.client.send(new DeleteConfigurationProfileCommand({ ApplicationId: appId, ConfigurationProfileId: id })));
}

async function tagsOf(t: Target, ResourceArn: string): Promise<Tags> {
  const out = await t.client.send(new ListTagsForResourceCommand({ ResourceArn }));
  return { ...(out.Tags ?? {}) };
}

/** Makes the resource carry exactly `tags` (its create marker, invisible to plans, stays). */
export async function convergeTags(t: Target, ResourceArn: string, tags: Tags): Promise<void> {
  const current = withoutCreateMarker(await tagsOf(t, ResourceArn));
  const changed = Object.entries(tags).filter(([k, v]) => current[k] !== v);
  if (changed.length > 0) await t.client.send(new TagResourceCommand({ ResourceArn, Tags: Object.fromEntries(changed) }));
  const removed = Object.keys(current).filter((k) => !(k in tags));
  if (removed.length > 0) await t.client.send(new UntagResourceCommand({ ResourceArn, TagKeys: removed }));
}

/** A delete that finds nothing has nothing left to do (e.g. its first send's answer was lost). */
export async function goneIsDone<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (hasCode(err, "ResourceNotFound")) return undefined;
    throw err;
  }
}
