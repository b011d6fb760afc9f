// What AppConfig references stand for at plan time: the ids of an application, environment
// or configuration profile that exist. One created by this apply is known only after it runs.
import type { DiffContext } from "../../engine/context.js";
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
