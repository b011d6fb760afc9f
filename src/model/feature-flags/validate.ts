// The one entry point for checking AWS.AppConfig.FeatureFlags content: orgctl's planner
// calls it before any AWS call, and the emulator's CreateHostedConfigurationVersion calls it
// to answer as AppConfig does, so both report the same problems.
import { constraintProblems } from "./constraints.js";
import { checkStructure } from "./structure.js";
import type { FlagProblem } from "./types.js";

/** Every problem with parsed content; empty when AppConfig would accept it. */
export function validateFeatureFlags(document: unknown): FlagProblem[] {
  const structure = checkStructure(document);
  return "problems" in structure ? structure.problems : constraintProblems(structure.document);
}
