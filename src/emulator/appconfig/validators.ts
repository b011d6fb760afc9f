// Configuration profile validators. JSON_SCHEMA validators are enforced with ajv on
// CreateHostedConfigurationVersion and StartDeployment, failing with AppConfig's
// BadRequestException { Reason: "InvalidConfiguration", Details: { InvalidConfiguration: [...] } }.
// LAMBDA validators are accepted but not run: the emulator has no Lambda. Feature-flag
// profiles' content is also checked against AWS's feature-flag format.
import { compileAppConfigSchema, SchemaRecursion, type CheckFunction } from "../../model/appconfig-schema.js";
import { validateFeatureFlags } from "../../model/feature-flags/validate.js";
import { parseJsonText } from "../../model/json-text.js";
import { badRequest } from "./errors.js";
import type { ValidatorRecord } from "./state.js";

const compiled = new Map<string, CheckFunction>();

function compile(content: string): CheckFunction {
  let fn = compiled.get(content);
  if (!fn) {
    fn = compileAppConfigSchema(content);
    compiled.set(content, fn);
  }
  return fn;
}

export function readValidators(value: unknown): ValidatorRecord[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 2) throw badRequest("Validators must be a list of at most 2 validators");
  return value.map((v: unknown) => {
    const validator = (v ?? {}) as Record<string, unknown>;
    const { Type, Content } = validator;
    if (Type !== "JSON_SCHEMA" && Type !== "LAMBDA") throw badRequest("Validator Type must be JSON_SCHEMA or LAMBDA");
    if (typeof Content !== "string" || Content.length > 32768) throw badRequest("Validator Content must be a string of at most 32768 characters");
    if (Type === "JSON_SCHEMA") {
      try {
        compile(Content);
      } catch (err) {
        throw badRequest(`Invalid JSON Schema validator: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (!/^arn:aws[\w-]*:lambda:/.test(Content)) {
      throw badRequest("A LAMBDA validator's Content must be a Lambda function ARN");
    }
    return { Type, Content };
  });
}

export interface InvalidConfigurationDetail {
  Constraint: string;
  Location: string;
  Reason: string;
  Type: "JSON_SCHEMA" | "FEATURE_FLAGS";
}

function pointer(path: (string | number)[]): string {
  return `#${path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")}`;
}

/**
 * AWS.AppConfig.FeatureFlags content must match AWS's feature-flag schema and its own
 * attribute constraints (the checks orgctl's planner runs locally: src/model/feature-flags).
 */
export function validateFeatureFlagContent(content: Buffer): void {
  const parsed = parseJsonText(content.toString("utf8"));
  if ("problem" in parsed) throw invalid([{ Constraint: "json", Location: "#", Reason: `Configuration content ${parsed.problem}`, Type: "FEATURE_FLAGS" }]);
  const problems = validateFeatureFlags(parsed.value);
  if (problems.length === 0) return;
  throw invalid(
    problems.map((p) => ({ Constraint: p.constraint, Location: pointer(p.path), Reason: `${pointer(p.path)} ${p.message}`, Type: "FEATURE_FLAGS" })),
    "Configuration is not valid AWS.AppConfig.FeatureFlags content",
  );
}

/** Throws BadRequestException when the content fails any JSON_SCHEMA validator. */
export function validateContent(validators: ValidatorRecord[], content: Buffer): void {
  const schemas = validators.filter((v) => v.Type === "JSON_SCHEMA");
  if (schemas.length === 0) return;
  let document: unknown;
  try {
    document = JSON.parse(content.toString("utf8"));
  } catch {
    throw invalid([{ Constraint: "json", Location: "#", Reason: "Configuration content is not valid JSON", Type: "JSON_SCHEMA" }]);
  }
  const details: InvalidConfigurationDetail[] = [];
  for (const validator of schemas) {
    let result;
    try {
      result = compile(validator.Content)(document);
    } catch (err) {
      if (!(err instanceof SchemaRecursion)) throw err;
      throw invalid([{ Constraint: "$ref", Location: "#", Reason: err.message, Type: "JSON_SCHEMA" }]);
    }
    if (result.valid) continue;
    for (const e of result.errors) {
      details.push({ Constraint: e.keyword, Location: `#${e.instancePath}`, Reason: `${e.instancePath || "/"} ${e.message ?? "is invalid"}`, Type: "JSON_SCHEMA" });
    }
  }
  if (details.length > 0) throw invalid(details);
}

function invalid(details: InvalidConfigurationDetail[], message = "Configuration failed JSON Schema validation") {
  return badRequest(message, { Reason: "InvalidConfiguration", Details: { InvalidConfiguration: details } });
}
