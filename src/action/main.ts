// Entry point of the bundled action (dist/action.mjs, run by the runner under Node 24).
import * as core from "@actions/core";
import { run } from "./run.js";

run().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
