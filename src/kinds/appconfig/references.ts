// What AppConfig references stand for at plan time: the ids of an application, environment
// or configuration profile that exist. One created by this apply is known only after it
// runs: its create makes it known (operations.ts), and what names it waits for that create.
import type { DiffContext } from "../../engine/context.js";
import type { Change } from "../../engine/types.js";
import type { Reference } from "../../model/references/grammar.js";
import type { LiveApplication } from "./live.js";

export function resolveAppConfigReference(ref: Reference, ctx: DiffContext): string | undefined {
  if (ref.kind !== "app" && ref.kind !== "environment" && ref.kind !== "profile") return undefined;
  const spec = ctx.desired.appconfig.find((a) => a.name === ref.app);
  const live: LiveApplication | undefined = spec && ctx.live.accounts[spec.account]?.appconfig?.[spec.region]?.[spec.name];
  if (!live) return undefined;
  if (ref.kind === "app") return live.id;
  const found = ref.kind === "environment" ? live.environments.find((e) => e.name === ref.name) : live.profiles.find((p) => p.name === ref.name);
  return found?.id;
}

/** The create that makes an application, environment or profile id known during apply. */
export function appConfigProvider(ref: Reference, changes: readonly Change[]): string | undefined {
  const found = changes.find((c) => {
    if (c.action !== "create" || c.after === null) return false;
    if (ref.kind === "app") return c.type === "application" && c.after.name === ref.app;
    if (ref.kind === "environment") return c.type === "environment" && c.after.application === ref.app && c.after.name === ref.name;
    if (ref.kind === "profile") return c.type === "profile" && c.after.application === ref.app && c.after.name === ref.name;
    return false;
  });
  return found?.address;
}
