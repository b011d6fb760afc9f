import type { At } from "./source.js";

/** For each spec object built from YAML, the node it came from, so checks can point into it. */
export type Origins = WeakMap<object, At>;
