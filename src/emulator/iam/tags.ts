// Tag lists in requests (Tags.member.N.Key/Value) and IAM's case-insensitive tag keys.
import { memberList } from "../protocol/query.js";
import { Constraints } from "./constraints.js";
import { invalidInput, limitExceeded } from "./errors.js";

export type Tag = { Key: string; Value: string };

const KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

export function readTags(params: URLSearchParams): Tag[] {
  const tags: Tag[] = [];
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++)
    tags.push({ Key: params.get(`Tags.member.${i}.Key`)!, Value: params.get(`Tags.member.${i}.Value`) ?? "" });
  const c = new Constraints().listSize("tags", tags.length, MAX_TAGS);
  tags.forEach((t, i) => {
    const at = `tags.${i + 1}.member`;
    c.length(`${at}.key`, t.Key, 1, 128).pattern(`${at}.key`, t.Key, KEY_PATTERN, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    c.length(`${at}.value`, t.Value, 0, 256).pattern(`${at}.value`, t.Value, VALUE_PATTERN, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  });
  c.check();
  const keys = tags.map((t) => t.Key.toLowerCase());
  if (new Set(keys).size !== keys.length)
    throw invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  return tags;
}

/** TagKeys as tagKeyListType allows: at most 50 keys, each a valid tag key. */
export function readTagKeys(params: URLSearchParams): string[] {
  const keys = memberList(params, "TagKeys");
  const c = new Constraints().listSize("tagKeys", keys.length, MAX_TAGS);
  keys.forEach((k, i) => c.length(`tagKeys.${i + 1}.member`, k, 1, 128).pattern(`tagKeys.${i + 1}.member`, k, KEY_PATTERN, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"));
  c.check();
  return keys;
}

/** Adds or replaces tags (keys compare case-insensitively), keeping at most 50. */
export function mergeTags(existing: Tag[], added: Tag[], entity: string): Tag[] {
  const merged = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  merged.push(...added);
  if (merged.length > MAX_TAGS) throw limitExceeded(`Cannot exceed quota for TagsPer${entity}: ${MAX_TAGS}`);
  return merged;
}

export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()));
}
