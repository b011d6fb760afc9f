// One symbol per action, shared by every renderer.
import type { ChangeAction } from "../engine/types.js";

export const SYMBOLS: Record<ChangeAction, string> = {
  create: "+",
  update: "~",
  delete: "-",
  replace: "±",
  deploy: "»",
  stop: "■",
  adopt: "⇐",
  noop: "·",
};

/** Column order in summaries. */
export const ACTIONS: ChangeAction[] = ["create", "update", "replace", "delete", "stop", "deploy", "adopt"];
