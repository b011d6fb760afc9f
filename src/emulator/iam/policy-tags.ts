// Tags of customer managed policies: TagPolicy, UntagPolicy, ListPolicyTags (50 per policy,
// keys case-insensitive, as for roles). AWS managed policies cannot be tagged.
import { required } from "../protocol/query.js";
import type { IamHandler } from "./call.js";
import { requireOwnPolicy, requirePolicy } from "./managed-policies.js";
import { paginate } from "./pagination.js";
import { mergeTags, readTagKeys, readTags, removeTags } from "./tags.js";
import { tagsXml } from "./xml.js";

export const tagPolicy: IamHandler = (call) => {
  const p = requireOwnPolicy(call, required(call.params, "PolicyArn"));
  p.tags = mergeTags(p.tags, readTags(call.params), "Policy");
  return null;
};

export const untagPolicy: IamHandler = (call) => {
  const p = requireOwnPolicy(call, required(call.params, "PolicyArn"));
  p.tags = removeTags(p.tags, readTagKeys(call.params));
  return null;
};

export const listPolicyTags: IamHandler = (call) => {
  const p = requirePolicy(call, required(call.params, "PolicyArn"));
  const indexed = p.tags.map((t, i) => ({ t, key: String(i).padStart(4, "0") }));
  const page = paginate(indexed, (x) => x.key, call.params);
  return tagsXml(page.items.map((x) => x.t)) + page.xml;
};

export const policyTagOperations = {
  TagPolicy: tagPolicy,
  UntagPolicy: untagPolicy,
  ListPolicyTags: listPolicyTags,
} satisfies Record<string, IamHandler>;
