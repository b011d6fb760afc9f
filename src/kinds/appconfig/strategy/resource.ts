// The canonical shape of a custom deployment strategy in a change's before/after, and its
// entry in the engine's ResourceByType (declaration merging), which types every change of
// type "strategy"; and the strategy as the reader finds it.
import type { Tags } from "../../../model/types.js";

/** A custom AppConfig deployment strategy (type "strategy"), per account and region, by name. */
export interface StrategyResource {
  name: string;
  region: string;
  description: string;
  durationMinutes: number;
  growthType: string;
  growthFactor: number;
  finalBakeTimeMinutes: number;
  replicateTo: string;
  tags: Tags;
}

export interface LiveStrategy extends StrategyResource {
  id: string;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    strategy: StrategyResource;
  }
}

declare module "../../../engine/types.js" {
  interface LiveAccountState {
    /** Custom deployment strategies by region then name. */
    customStrategies?: Record<string, Record<string, LiveStrategy>>;
  }
}
