// The feature-flag rules AWS's schema cannot express, checked once the structure is right:
// every value belongs to a defined flag, every attribute value to a defined attribute, and
// each value satisfies its attribute's constraints ("AWS AppConfig additionally validates
// that each feature flag attribute in your data satisfies the constraints you defined",
// AppConfig User Guide, "Creating a feature flag configuration profile"). Patterns run on
// RE2 (linear time): a pattern comes from whoever writes the flags.
import { RE2JS, RE2JSException } from "re2js";
import type { AttributeDefinition, Constraints, FeatureFlagsDocument, FlagProblem, NumberConstraints, StringConstraints } from "./types.js";

type Path = (string | number)[];

const RESERVED_VALUE_KEYS = new Set(["enabled", "_createdAt", "_updatedAt", "_variants"]);

function describe(value: unknown): string {
  return Array.isArray(value) ? "a list" : typeof value === "number" ? "a number" : typeof value === "boolean" ? "a boolean" : "a string";
}

function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    return `is not a supported regular expression (linear-time regular expressions only)`;
  }
}

function scalarProblems(value: unknown, c: NumberConstraints | StringConstraints, path: Path): FlagProblem[] {
  if (c.type === "number") {
    if (typeof value !== "number") return [{ path, constraint: "type", message: `must be a number, not ${describe(value)}` }];
    if (c.minimum !== undefined && value < c.minimum) return [{ path, constraint: "minimum", message: `must be at least ${c.minimum}` }];
    if (c.maximum !== undefined && value > c.maximum) return [{ path, constraint: "maximum", message: `must be at most ${c.maximum}` }];
    return [];
  }
  if (typeof value !== "string") return [{ path, constraint: "type", message: `must be a string, not ${describe(value)}` }];
  if (c.enum !== undefined && !c.enum.some((allowed) => String(allowed) === value)) {
    return [{ path, constraint: "enum", message: `must be one of ${c.enum.map((v) => JSON.stringify(String(v))).join(", ")}` }];
  }
  if (c.pattern !== undefined && patternProblem(c.pattern) === undefined && !RE2JS.compile(c.pattern).test(value)) {
    return [{ path, constraint: "pattern", message: `must match the pattern ${JSON.stringify(c.pattern)}` }];
  }
  return [];
}

function valueProblems(value: unknown, c: Constraints, path: Path): FlagProblem[] {
  switch (c.type) {
    case "boolean":
      return typeof value === "boolean" ? [] : [{ path, constraint: "type", message: `must be a boolean, not ${describe(value)}` }];
    case "array": {
      if (!Array.isArray(value)) return [{ path, constraint: "type", message: `must be a list, not ${describe(value)}` }];
      const elements = c.elements;
      return elements ? value.flatMap((element, i) => scalarProblems(element, elements, [...path, i])) : [];
    }
    default:
      return scalarProblems(value, c, path);
  }
}

/** Problems in the constraints themselves (a pattern RE2 cannot run, minimum above maximum). */
function definitionProblems(definition: AttributeDefinition, path: Path): FlagProblem[] {
  const c = definition.constraints;
  if (!c) return [];
  const scalar = c.type === "array" ? c.elements : c.type === "boolean" ? undefined : c;
  const at = c.type === "array" ? [...path, "constraints", "elements"] : [...path, "constraints"];
  if (scalar?.type === "string" && scalar.pattern !== undefined) {
    const problem = patternProblem(scalar.pattern);
    if (problem) return [{ path: [...at, "pattern"], constraint: "pattern", message: problem }];
  }
  if (scalar?.type === "number" && scalar.minimum !== undefined && scalar.maximum !== undefined && scalar.minimum > scalar.maximum) {
    return [{ path: [...at, "maximum"], constraint: "maximum", message: `must not be below the minimum (${scalar.minimum})` }];
  }
  return [];
}

function attributeValueProblems(attributes: Record<string, AttributeDefinition>, values: Record<string, unknown>, path: Path, flag: string, checkRequired: boolean): FlagProblem[] {
  const problems: FlagProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (RESERVED_VALUE_KEYS.has(key)) continue;
    const definition = attributes[key];
    if (!definition) {
      problems.push({ path: [...path, key], constraint: "attributes", message: `is not an attribute of flag "${flag}"` });
    } else if (definition.constraints) {
      problems.push(...valueProblems(value, definition.constraints, [...path, key]));
    }
  }
  if (checkRequired) {
    for (const [key, definition] of Object.entries(attributes)) {
      if (definition.constraints?.required && !Object.hasOwn(values, key)) {
        problems.push({ path, constraint: "required", message: `must set attribute "${key}" (its constraints say it is required)` });
      }
    }
  }
  return problems;
}

/** Rules beyond the schema; `document` must already match it. */
export function constraintProblems(document: FeatureFlagsDocument): FlagProblem[] {
  const flags = document.flags ?? {};
  const problems: FlagProblem[] = [];
  for (const [flag, definition] of Object.entries(flags)) {
    for (const [key, attribute] of Object.entries(definition.attributes ?? {})) {
      problems.push(...definitionProblems(attribute, ["flags", flag, "attributes", key]));
    }
  }
  if (problems.length > 0) return problems;
  for (const [flag, value] of Object.entries(document.values ?? {})) {
    const definition = flags[flag];
    if (!definition) {
      problems.push({ path: ["values", flag], constraint: "flags", message: `is not a flag defined under "flags"` });
      continue;
    }
    const attributes = definition.attributes ?? {};
    // A required attribute is required of an enabled flag: a disabled one is served without attributes.
    problems.push(...attributeValueProblems(attributes, value, ["values", flag], flag, value.enabled === true));
    (value._variants ?? []).forEach((variant, i) => {
      problems.push(...attributeValueProblems(attributes, variant.attributeValues ?? {}, ["values", flag, "_variants", i, "attributeValues"], flag, false));
    });
  }
  return problems;
}
