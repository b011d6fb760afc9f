// Stopping a rollout: StopDeployment, then wait (with a deadline) until AppConfig has
// rolled it back. Idempotent: a deployment that has already ended is left as it is, and
// only the deployment the plan named is stopped (another one is someone else's).
import { GetDeploymentCommand } from "@aws-sdk/client-appconfig";
import type { ResourceKind } from "../../../engine/kind.js";
import { RUNNING_STATES, stopDeployment } from "../deployment/operations.js";
import { targetFor } from "../target.js";

export const rolloutOperations: ResourceKind<"rollout">["operations"] = {
  stop: {
    idempotent: true,
    run: async (change, ctx) => {
      const rollout = change.before;
      if (rollout === null) throw new Error(`${change.address}: the change names no rollout`);
      const t = await targetFor(change, ctx);
      const appId = await t.directory.requireApplication(rollout.application);
      const envId = await t.directory.environment(appId, rollout.environment);
      if (!envId) return;
      const now = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: rollout.deploymentNumber }));
      if (!RUNNING_STATES.has(now.State ?? "")) return;
      await stopDeployment(t, appId, envId, rollout.deploymentNumber, change, ctx);
    },
  },
};
