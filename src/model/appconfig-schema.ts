// AppConfig's JSON_SCHEMA validators speak JSON Schema draft-04 (AWS AppConfig user guide,
// "Understanding validators"): `exclusiveMaximum: true`, `id` and friends mean what
// draft-04 says. orgctl checks versions locally with the same rules the service applies,
// and the emulator enforces them, so both compile schemas here.
import * as Ajv04Module from "ajv-draft-04";
import * as addFormatsModule from "ajv-formats";
import type { ErrorObject, ValidateFunction } from "ajv";

// Both packages are CommonJS; under NodeNext their exports sit on the namespace's default.
const Ajv04 = Ajv04Module.default.default;
const addFormats = addFormatsModule.default.default;

const DRAFT_04 = /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/;

export class SchemaError extends Error {}

/** Compiles a validator's Content; throws SchemaError for bad JSON, a non-draft-04 $schema or an invalid schema. */
export function compileAppConfigSchema(content: string): ValidateFunction {
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch (err) {
    throw new SchemaError(`not valid JSON: ${(err as Error).message}`);
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new SchemaError("a JSON Schema must be an object");
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && !(typeof declared === "string" && DRAFT_04.test(declared))) {
    throw new SchemaError(`AppConfig validates with JSON Schema draft-04; $schema is ${JSON.stringify(declared)}`);
  }
  // One instance per schema: profiles may well share an `id`.
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  try {
    return ajv.compile(schema as object);
  } catch (err) {
    throw new SchemaError(`invalid JSON Schema: ${(err as Error).message}`);
  }
}

export type { ErrorObject };
