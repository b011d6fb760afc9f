// One YAML entry per distinct definition: the same resource defined the same way in several
// accounts becomes one entry whose `in.accounts` lists them (as roles and policies are written).
import { canonicalJson } from "../engine/canonical.js";

export type Entry = Record<string, unknown> & { in: { accounts: string[] } };

/** `head` is what names the resource (shown first); `body` the rest of its definition. */
export function mergeByAccount<T>(accounts: { key: string; items: T[] }[], head: (item: T) => Record<string, unknown>, body: (item: T) => Record<string, unknown>): Entry[] {
  const grouped = new Map<string, Entry>();
  for (const { key, items } of accounts) {
    for (const item of items) {
      const [h, b] = [head(item), body(item)];
      const id = canonicalJson({ ...h, ...b });
      const existing = grouped.get(id);
      if (existing) existing.in.accounts.push(key);
      else grouped.set(id, { ...h, in: { accounts: [key] }, ...b });
    }
  }
  return [...grouped.values()];
}
