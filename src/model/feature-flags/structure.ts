// Checks feature-flag content against AWS's schema (schema.ts) with ajv, and turns ajv's
// errors into one plain sentence per place: a `oneOf` that fails reports what the value may
// be, not every branch's complaint.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import * as addFormatsModule from "ajv-formats";
import { LINEAR_REGEXP } from "../linear-regexp.js";
import { FEATURE_FLAGS_SCHEMA } from "./schema.js";
import type { FeatureFlagsDocument, FlagProblem } from "./types.js";

// CommonJS: under NodeNext its export sits on the namespace's default.
const addFormats = addFormatsModule.default.default;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { regExp: LINEAR_REGEXP } });
    addFormats(ajv);
    compiled = ajv.compile(FEATURE_FLAGS_SCHEMA);
  }
  return compiled;
}

const KEY_RULE = "start with a lowercase letter followed by at most 63 letters, digits, _ or -";

/** What a value may be, where the schema says `oneOf`: known from the place in the document. */
function oneOfMessage(path: (string | number)[]): string {
  const last = path.at(-1);
  if (last === "constraints") return 'must be constraints of type "number", "string", "array" or "boolean", with only that type\'s fields';
  if (last === "elements") return 'must be constraints of type "number" or "string", with only that type\'s fields';
  if (path.at(-2) === "enum") return "must be a string (at most 1024 characters) or an integer";
  return "must be a string (at most 1024 characters), a number, a boolean, or a list of only strings or only numbers";
}

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function problemOf(e: ErrorObject): FlagProblem {
  const path = pathOf(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "oneOf":
      return { path, constraint: "oneOf", message: oneOfMessage(path) };
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const patterned = typeof e.parentSchema === "object" && e.parentSchema !== null && "patternProperties" in e.parentSchema;
      const known = key.startsWith("_") || !patterned;
      return { path: [...path, key], constraint: "additionalProperties", message: known ? "is not an allowed field here" : `is not a valid key: keys ${KEY_RULE}` };
    }
    case "required":
      return { path, constraint: "required", message: `must have "${String(params.missingProperty)}"` };
    case "enum":
      return { path, constraint: "enum", message: `must be ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(" or ")}` };
    case "not":
      return { path, constraint: "not", message: "cannot have both a pattern and an enum" };
    case "type":
      return { path, constraint: "type", message: `must be ${params.type === "object" ? "a mapping" : `of type ${String(params.type)}`}` };
    default:
      return { path, constraint: e.keyword, message: e.message ?? "is invalid" };
  }
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

export type StructureResult = { document: FeatureFlagsDocument } | { problems: FlagProblem[] };

function matches(document: unknown): document is FeatureFlagsDocument {
  return validator()(document) === true;
}

/** The typed document, or structural problems (one per place) when it does not match AWS's schema. */
export function checkStructure(document: unknown): StructureResult {
  if (matches(document)) return { document };
  return { problems: problemsOf(validator().errors ?? []) };
}

function problemsOf(errors: ErrorObject[]): FlagProblem[] {
  // A failing oneOf speaks for everything its branches said about the value, and the
  // outermost oneOf (shallowest place, then shortest schema path) for any inner one.
  const oneOfs = errors.filter((e) => e.keyword === "oneOf");
  const covered = (e: ErrorObject) =>
    oneOfs.some((o) => {
      if (o === e || !within(e.instancePath, o.instancePath)) return false;
      if (e.keyword !== "oneOf" || o.instancePath !== e.instancePath) return true;
      return o.schemaPath.length < e.schemaPath.length;
    });
  const outer = errors.filter((e) => !covered(e));
  const seen = new Set<string>();
  const problems: FlagProblem[] = [];
  for (const e of outer) {
    const problem = problemOf(e);
    const key = `${JSON.stringify(problem.path)} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
