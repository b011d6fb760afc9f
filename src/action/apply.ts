// Apply on the default branch: a fresh plan, then the engine's apply, which refuses
// changes whose live state moved since the plan. Results go to the job summary.
import type { ActionInputs } from "./inputs.js";
import type { PlanSessionOptions } from "./plan-session.js";

export async function runApply(_inputs: ActionInputs, _opts: PlanSessionOptions): Promise<void> {
  throw new Error("apply is not available yet in this build of the action");
}
