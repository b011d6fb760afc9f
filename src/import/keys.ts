// YAML keys derived from AWS names: the schema's key pattern is [A-Za-z0-9][A-Za-z0-9_.-]{0,63}.

const MAX_KEY = 64;

/** Lower-case slug: runs of anything but letters and digits become one "-". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_KEY)
    .replace(/-+$/, "");
}

/**
 * Hands out unique keys: the slug of the preferred name, else `fallback`, with
 * "-2", "-3"… appended on a clash.
 */
export class KeyAllocator {
  private readonly used = new Set<string>();

  allocate(name: string, fallback: string): string {
    const base = slugify(name) || fallback;
    let key = base;
    for (let n = 2; this.used.has(key); n++) {
      const suffix = `-${n}`;
      key = base.slice(0, MAX_KEY - suffix.length) + suffix;
    }
    this.used.add(key);
    return key;
  }
}
