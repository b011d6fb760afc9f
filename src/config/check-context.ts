import type { DesiredState } from "../model/types.js";
import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import type { Origins } from "./origins.js";
import { child, type At, type Segment } from "./source.js";

/** What every semantic check needs: the built state and a way to point back into the YAML. */
export interface CheckContext {
  state: Omit<DesiredState, "digest" | "files">;
  origins: Origins;
  /** Parts left out after schema errors (see Merged.incomplete). */
  incomplete: Set<string>;
  diags: Diagnostics;
}

/** The node of `spec` (plus a sub-path) in the YAML. */
export function originOf(ctx: CheckContext, spec: object, ...more: Segment[]): At {
  const at = ctx.origins.get(spec);
  if (!at) throw new Error("spec without origin");
  return child(at, ...more);
}

export function errorAt(ctx: CheckContext, at: At, message: string, key = false): void {
  ctx.diags.error(locate(at, { key }), message);
}

export function warnAt(ctx: CheckContext, at: At, message: string, key = false): void {
  ctx.diags.warn(locate(at, { key }), message);
}
