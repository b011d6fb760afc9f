// Tags on accounts, OUs and the root.
import { AwsError } from "../types.js";
import { requireManagement, type Call } from "./access.js";
import { invalidInput, PATTERNS, requiredId, stringList, tagList } from "./input.js";
import { MAX_TAGS, type Organization } from "./state.js";

export function checkUserTagKeys(keys: string[]): void {
  if (keys.some((k) => k.toLowerCase().startsWith("aws:"))) {
    throw invalidInput("INVALID_SYSTEM_TAGS_PARAMETER", "Tag keys beginning with aws: are reserved for AWS use.");
  }
}

export function checkTagCount(count: number): void {
  if (count > MAX_TAGS) {
    throw new AwsError("ConstraintViolationException", `You have exceeded the maximum number of tags (${MAX_TAGS}) allowed on this resource.`, 400, { Reason: "MAX_TAG_LIMIT_EXCEEDED" });
  }
}

/** Roots, OUs, accounts and the organization's own policies carry tags; AWS managed policies do not. */
function requireTarget(org: Organization, id: string): void {
  const policy = org.policies.policies.get(id);
  if (policy && !policy.awsManaged) return;
  if (id !== org.rootId && !org.units.has(id) && !org.accounts.has(id)) {
    throw new AwsError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }
}

export function tagResource(call: Call) {
  const org = requireManagement(call);
  const id = requiredId(call.input, "ResourceId", PATTERNS.taggableId);
  const tags = tagList(call.input, "Tags");
  requireTarget(org, id);
  checkUserTagKeys(tags.map((t) => t.Key));
  const merged = new Map((org.tags.get(id) ?? []).map((t) => [t.Key, t.Value]));
  for (const t of tags) merged.set(t.Key, t.Value);
  checkTagCount(merged.size);
  org.tags.set(id, [...merged].map(([Key, Value]) => ({ Key, Value })));
  return {};
}

export function untagResource(call: Call) {
  const org = requireManagement(call);
  const id = requiredId(call.input, "ResourceId", PATTERNS.taggableId);
  const keys = stringList(call.input, "TagKeys");
  if (!keys) throw invalidInput("INPUT_REQUIRED", "You must specify a value for TagKeys.");
  requireTarget(org, id);
  checkUserTagKeys(keys);
  const remaining = (org.tags.get(id) ?? []).filter((t) => !keys.includes(t.Key));
  org.tags.set(id, remaining);
  return {};
}

/** Returns every tag in one page: a resource holds at most 50. */
export function listTagsForResource(call: Call) {
  const org = requireManagement(call);
  const id = requiredId(call.input, "ResourceId", PATTERNS.taggableId);
  requireTarget(org, id);
  return { Tags: org.tags.get(id) ?? [] };
}
