// Custom deployment strategies. AppConfig takes no client token and does not keep names
// unique, so a create is sent once (without SDK retries) and its earlier effect is the
// strategy now found by that name, which the run then converges instead of creating another.
import {
  CreateDeploymentStrategyCommand,
  DeleteDeploymentStrategyCommand,
  UpdateDeploymentStrategyCommand,
  paginateListDeploymentStrategies,
  type DeploymentStrategy,
} from "@aws-sdk/client-appconfig";
import type { KindOperation, ResourceKind } from "../../../engine/kind.js";
import type { ChangeOf } from "../../../engine/types.js";
import { convergeTags, goneIsDone } from "../operations.js";
import { arnOf, targetFor, wanted, type Target } from "../target.js";
import type { StrategyResource } from "./resource.js";

async function findByName(t: Target, name: string): Promise<DeploymentStrategy | undefined> {
  for await (const page of paginateListDeploymentStrategies({ client: t.client }, {})) {
    const found = page.Items?.find((s) => s.Name === name && !s.Id?.startsWith("AppConfig."));
    if (found) return found;
  }
  return undefined;
}

const fields = (s: StrategyResource) => ({
  Description: s.description,
  DeploymentDurationInMinutes: s.durationMinutes,
  GrowthType: s.growthType === "EXPONENTIAL" ? ("EXPONENTIAL" as const) : ("LINEAR" as const),
  GrowthFactor: s.growthFactor,
  FinalBakeTimeInMinutes: s.finalBakeTimeMinutes,
});

async function converge(t: Target, s: StrategyResource, existing: DeploymentStrategy): Promise<void> {
  await t.client.send(new UpdateDeploymentStrategyCommand({ DeploymentStrategyId: existing.Id!, ...fields(s) }));
  await convergeTags(t, arnOf(t, `deploymentstrategy/${existing.Id}`), s.tags);
}

const create: KindOperation<"strategy"> = {
  idempotent: false,
  async run(change, ctx) {
    const t = await targetFor(change, ctx);
    const s = wanted(change.after, change);
    const existing = await findByName(t, s.name);
    if (existing) return converge(t, s, existing);
    await t.once.send(
      new CreateDeploymentStrategyCommand({ Name: s.name, ...fields(s), Description: s.description || undefined, ReplicateTo: s.replicateTo === "SSM_DOCUMENT" ? "SSM_DOCUMENT" : "NONE", Tags: s.tags }),
    );
  },
  async findEarlierEffect(change, ctx) {
    const t = await targetFor(change, ctx);
    const s = wanted(change.after, change);
    const existing = await findByName(t, s.name);
    if (!existing) return undefined;
    await converge(t, s, existing);
    return {};
  },
};

async function update(change: ChangeOf<"strategy">, ctx: Parameters<KindOperation<"strategy">["run"]>[1]): Promise<void> {
  const t = await targetFor(change, ctx);
  const s = wanted(change.after, change);
  const existing = await findByName(t, s.name);
  if (!existing) throw new Error(`deployment strategy ${s.name} does not exist in ${t.region}: run plan again`);
  await converge(t, s, existing);
}

export const strategyOperations: ResourceKind<"strategy">["operations"] = {
  create,
  update: { idempotent: true, run: update },
  adopt: { idempotent: true, run: update },
  delete: {
    idempotent: true,
    async run(change, ctx) {
      const t = await targetFor(change, ctx);
      const existing = await findByName(t, wanted(change.before, change).name);
      if (existing) await goneIsDone(t.client.send(new DeleteDeploymentStrategyCommand({ DeploymentStrategyId: existing.Id! })));
    },
  },
};
