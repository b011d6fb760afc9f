// NextToken paging for List* calls. The token is opaque to callers; it carries the offset
// and the request it belongs to, so a token replayed on another call is rejected like AWS does.
import { invalidInput, type Input } from "./input.js";
import { AwsError } from "../types.js";

/** Organizations' MaxResults is 1..20; without it a page holds 20 items. */
export const MAX_PAGE = 20;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(all: T[], input: Input, scope: string): Page<T> {
  const limit = pageSize(input);
  const start = offsetOf(input, scope);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextToken: end < all.length ? encode(scope, end) : undefined };
}

function pageSize(input: Input): number {
  const raw = input.MaxResults;
  if (raw === undefined || raw === null) return MAX_PAGE;
  if (typeof raw !== "number" || !Number.isInteger(raw)) throw new AwsError("SerializationException", "NUMBER_VALUE can not be converted to an Integer for MaxResults");
  if (raw < 1) throw invalidInput("MIN_VALUE_EXCEEDED", "The value of MaxResults is less than the minimum value of 1.");
  if (raw > MAX_PAGE) throw invalidInput("MAX_VALUE_EXCEEDED", `The value of MaxResults exceeds the maximum value of ${MAX_PAGE}.`);
  return raw;
}

function offsetOf(input: Input, scope: string): number {
  const token = input.NextToken;
  if (token === undefined || token === null) return 0;
  const decoded = typeof token === "string" ? decode(token) : undefined;
  if (!decoded || decoded.scope !== scope) throw invalidInput("INVALID_NEXT_TOKEN", "The NextToken value is not valid.");
  return decoded.offset;
}

function encode(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString("base64");
}

function decode(token: string): { scope: string; offset: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { s?: unknown; o?: unknown };
    if (typeof parsed.s === "string" && typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return { scope: parsed.s, offset: parsed.o };
  } catch {
    // An unparsable token is reported as invalid below.
  }
  return undefined;
}
