// AppConfig's JSON_SCHEMA validators speak JSON Schema draft-04 (AWS AppConfig user guide,
// "Understanding validators"): `exclusiveMaximum: true`, `id` and friends mean what
// draft-04 says. orgctl checks versions locally with the same rules the service applies,
// and the emulator enforces them, so both compile schemas here. A schema is input from a
// pull request: its patterns run on a linear-time engine, its parse errors give a
// position, not text, and a schema that refers to itself without end is reported when
// it is used instead of overflowing the stack.
import * as Ajv04Module from "ajv-draft-04";
import * as addFormatsModule from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parseJsonText } from "./json-text.js";
import { LINEAR_REGEXP, UnsupportedPattern } from "./linear-regexp.js";

// Both packages are CommonJS; under NodeNext their exports sit on the namespace's default.
const Ajv04 = Ajv04Module.default.default;
const addFormats = addFormatsModule.default.default;

const DRAFT_04 = /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/;

export class SchemaError extends Error {}

/** The value could not be checked: the schema recurses into itself without consuming the value. */
export class SchemaRecursion extends Error {}

export type CheckFunction = (value: unknown) => { valid: true } | { valid: false; errors: ErrorObject[] };

/** Compiles a validator's Content; throws SchemaError for bad JSON, a non-draft-04 $schema or an invalid schema. */
export function compileAppConfigSchema(content: string): CheckFunction {
  const parsed = parseJsonText(content);
  if ("problem" in parsed) throw new SchemaError(parsed.problem.replace(/^is /, ""));
  const schema = parsed.value;
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new SchemaError("a JSON Schema must be an object");
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && !(typeof declared === "string" && DRAFT_04.test(declared))) {
    throw new SchemaError(`AppConfig validates with JSON Schema draft-04; $schema is ${JSON.stringify(declared)}`);
  }
  // One instance per schema: profiles may well share an `id`.
  const ajv = new Ajv04({ allErrors: true, strict: false, code: { regExp: LINEAR_REGEXP } });
  addFormats(ajv);
  let fn: ValidateFunction;
  try {
    fn = ajv.compile(schema as object);
  } catch (err) {
    throw new SchemaError(`invalid JSON Schema: ${compileMessage(err)}`);
  }
  return (value) => {
    let valid: boolean;
    try {
      valid = fn(value) as boolean;
    } catch (err) {
      if (err instanceof RangeError) throw new SchemaRecursion("the schema refers to itself without end");
      throw err;
    }
    return valid ? { valid: true } : { valid: false, errors: fn.errors ?? [] };
  };
}

function compileMessage(err: unknown): string {
  if (err instanceof UnsupportedPattern) return err.message;
  const missing = (err as { missingRef?: unknown }).missingRef;
  if (typeof missing === "string") return `$ref ${JSON.stringify(missing)} cannot be resolved (only references inside the schema are)`;
  if (err instanceof RangeError) return "the schema refers to itself without end";
  return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}

export type { ErrorObject };
