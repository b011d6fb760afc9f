import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import schema from "../../schemas/orgctl.schema.json" with { type: "json" };
import { LINEAR_REGEXP } from "../model/linear-regexp.js";
import type { Diagnostics } from "./diagnostics.js";
import { locate, pointerToPath } from "./locate.js";
import { at } from "./path-label.js";
import type { Segment, Source } from "./source.js";

// ajv-formats is CommonJS and also sets exports.default on itself, which works under both Node and esbuild.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

// The schema's patterns are ours, but they run on any string a pull request brings: linear time, like validators.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, code: { regExp: LINEAR_REGEXP } });
addFormats(ajv, ["email"]);
// Schema annotation holding a friendlier message than ajv's for pattern/format failures.
ajv.addKeyword({ keyword: "x-message", schemaType: "string" });
const check = ajv.compile(schema);

/**
 * Checks one file against schemas/orgctl.schema.json and reports every failure.
 * Returns the paths that failed, so later stages can leave those parts out.
 */
export function validateSchema(source: Source, diags: Diagnostics): Segment[][] {
  if (check(source.data ?? {})) return [];
  const failed: Segment[][] = [];
  for (const e of simplify(check.errors ?? [])) {
    const path = pointerToPath(e.instancePath);
    if (e.keyword === "additionalProperties") {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      // Only the unknown property itself is unusable, not the map holding it.
      failed.push([...path, prop]);
      diags.error(locate({ source, path: [...path, prop] }, { key: true }), at(path, `unknown property${nameOf(prop)}`));
      continue;
    }
    failed.push(path);
    if (e.keyword === "required") {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      diags.error(locate({ source, path }), at(path, `missing required property "${prop}"`));
    } else if (e.keyword === "propertyNames") {
      continue; // reported through the nested error on the name itself (below)
    } else {
      const nameError = (e.params as { propertyName?: string }).propertyName;
      if (nameError !== undefined) {
        diags.error(locate({ source, path: [...path, nameError] }, { key: true }), at([...path, nameError], `name ${describe(e)}`));
      } else {
        diags.error(locate({ source, path }), at(path, describe(e)));
      }
    }
  }
  return failed;
}

function describe(e: ErrorObject): string {
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.["x-message"];
  if (typeof custom === "string" && ["pattern", "format", "minProperties"].includes(e.keyword)) return custom;
  if (e.keyword === "type") {
    const t = (e.params as { type: string | string[] }).type;
    return `must be ${(Array.isArray(t) ? t : String(t).split(",")).map(article).join(" or ")}`;
  }
  if (e.keyword === "enum") return `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  return e.message ?? e.keyword;
}

function article(type: string): string {
  const names: Record<string, string> = { object: "a map", array: "a list", string: "a string", integer: "an integer", number: "a number", boolean: "true or false", null: "empty" };
  return names[type] ?? type;
}

/** Drops duplicates (ajv reports a shared $ref failure once per path, which is enough). */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * ` "name"` for a key that reads like a property name (a typo to fix), else nothing: a
 * file that is not orgctl YAML (a secrets file an include picked up) has its text as keys.
 */
function nameOf(prop: string): string {
  return /^[A-Za-z_][\w.-]{0,63}$/.test(prop) ? ` "${prop}"` : "";
}
