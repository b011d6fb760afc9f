// Small pieces every IAM operation needs: tags as IAM's request lists them, and a read that
// treats "no such entity" as absence (operations converge from whatever they find).
import { hasCode } from "../../aws/retry/transient.js";
import type { Tags } from "../../model/types.js";

export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export async function ignoreMissing<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (hasCode(err, "NoSuchEntity")) return undefined;
    throw err;
  }
}
