// Request validation with the InvalidInputException reasons Organizations returns.
import { AwsError } from "../types.js";
import type { Tag } from "./state.js";

export type Input = Record<string, unknown>;

export function invalidInput(reason: string, message: string): AwsError {
  return new AwsError("InvalidInputException", message, 400, { Reason: reason });
}

export const PATTERNS = {
  accountId: /^\d{12}$/,
  rootId: /^r-[0-9a-z]{4,32}$/,
  unitId: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
  parentId: /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  childId: /^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  taggableId: /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128}|rp-[0-9a-zA-Z_]{4,128}|rt-[0-9a-zA-Z_]{8,32})$/,
  createRequestId: /^car-[a-z0-9]{8,32}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  createAccountName: /^[\u0020-\u007E]+$/,
  roleName: /^[\w+=,.@-]{1,64}$/,
  tagText: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
};

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new AwsError("SerializationException", `STRING_VALUE can not be converted from ${typeof value} for ${name}`);
  return value;
}

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw invalidInput("INPUT_REQUIRED", `You must specify a value for ${name}.`);
  return value;
}

/** Checks length and pattern, in the order AWS reports them. */
export function checkString(name: string, value: string, rule: { min?: number; max?: number; pattern?: RegExp }): string {
  if (rule.min !== undefined && value.length < rule.min) throw invalidInput("MIN_LENGTH_EXCEEDED", `The value of ${name} is shorter than the minimum length of ${rule.min}.`);
  if (rule.max !== undefined && value.length > rule.max) throw invalidInput("MAX_LENGTH_EXCEEDED", `The value of ${name} exceeds the maximum length of ${rule.max}.`);
  if (rule.pattern && !rule.pattern.test(value)) throw invalidInput("INVALID_PATTERN", `You specified an invalid value for ${name}.`);
  return value;
}

export function requiredId(input: Input, name: string, pattern: RegExp): string {
  return checkString(name, requiredString(input, name), { pattern });
}

export function enumValue<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw invalidInput("INVALID_ENUM", `You specified an invalid value for ${name}: ${value}.`);
  return value as T;
}

export function stringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalidInput("INVALID_LIST_MEMBER", `You specified an invalid value for ${name}.`);
  return value as string[];
}

export function tagList(input: Input, name: string): Tag[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput("INVALID_LIST_MEMBER", `You specified an invalid value for ${name}.`);
  const seen = new Set<string>();
  return value.map((raw: unknown) => {
    const tag = (raw ?? {}) as Input;
    const key = checkString("Key", requiredString(tag, "Key"), { min: 1, max: 128, pattern: PATTERNS.tagText });
    const val = checkString("Value", requiredString(tag, "Value"), { max: 256, pattern: PATTERNS.tagText });
    if (seen.has(key)) throw invalidInput("DUPLICATE_TAG_KEY", `Duplicate tag key: ${key}.`);
    seen.add(key);
    return { Key: key, Value: val };
  });
}
