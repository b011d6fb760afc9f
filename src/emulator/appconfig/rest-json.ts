// restJson1 plumbing for AppConfig: JSON bodies, member readers that fail the way AppConfig
// does (BadRequestException), NextToken/MaxResults pagination and the response envelope.
import { AwsError, type EmuResponse } from "../types.js";
import { badRequest } from "./errors.js";
import type { Tags } from "./state.js";

export type JsonBody = Record<string, unknown>;

export function parseJsonBody(body: Buffer): JsonBody {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("Request body must be a JSON object");
  return parsed as JsonBody;
}

export function json(status: number, payload: unknown, requestId: string): EmuResponse {
  return { status, headers: { "content-type": "application/json", "x-amzn-requestid": requestId }, body: JSON.stringify(payload) };
}

export function noContent(requestId: string): EmuResponse {
  return { status: 204, headers: { "x-amzn-requestid": requestId } };
}

export function errorResponse(err: AwsError, requestId: string): EmuResponse {
  return {
    status: err.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": err.code, "x-amzn-requestid": requestId },
    body: JSON.stringify({ Message: err.message, ...err.extra }),
  };
}

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

function checkString(name: string, value: unknown, rule: StringRule): string {
  if (typeof value !== "string") throw badRequest(`${name} must be a string`);
  if (value.length < (rule.min ?? 0) || value.length > (rule.max ?? Infinity)) {
    throw badRequest(rule.max === undefined ? `${name} must be at least ${rule.min} characters long` : `${name} must be between ${rule.min ?? 0} and ${rule.max} characters long`);
  }
  if (rule.pattern && !rule.pattern.test(value)) throw badRequest(`${name} does not match the required pattern`);
  return value;
}

export function requiredString(body: JsonBody, name: string, rule: StringRule = {}): string {
  if (body[name] === undefined || body[name] === null) throw badRequest(`${name} is required`);
  return checkString(name, body[name], rule);
}

export function optionalString(body: JsonBody, name: string, rule: StringRule = {}): string | undefined {
  const value = body[name];
  return value === undefined || value === null ? undefined : checkString(name, value, rule);
}

export function optionalNumber(body: JsonBody, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

export const NAME = { min: 1, max: 64 };
export const DESCRIPTION = { min: 0, max: 1024 };

/** Tags as AppConfig limits them: up to 50, keys 1..128 characters, values up to 256. */
export function readTags(value: unknown): Tags {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest("Tags must be a map of strings");
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) throw badRequest("A resource can have at most 50 tags");
  for (const [key, tagValue] of entries) {
    if (key.length < 1 || key.length > 128 || key.startsWith("aws:")) throw badRequest(`Invalid tag key: ${key}`);
    if (typeof tagValue !== "string" || tagValue.length > 256) throw badRequest(`Invalid value for tag ${key}`);
  }
  return { ...(value as Tags) };
}

const MAX_PAGE = 50;

/** Returns one page of items and the token for the next; tokens are opaque offsets. */
export function paginate<T>(items: T[], query: URLSearchParams): { page: T[]; nextToken?: string } {
  const max = query.get("max_results");
  let size = MAX_PAGE;
  if (max !== null) {
    size = Number(max);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badRequest(`MaxResults must be between 1 and ${MAX_PAGE}`);
  }
  let start = 0;
  const token = query.get("next_token");
  if (token !== null) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (!decoded) throw badRequest("The next token is invalid");
    start = Number(decoded[1]);
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: Buffer.from(`o${end}`).toString("base64url") } : { page };
}

/** Omits undefined members, as AWS omits absent ones. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
