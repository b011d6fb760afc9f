/** A matcher for a simple glob: "*" any run of characters, "?" one character, the rest literal. */
export function globMatcher(pattern: string): (name: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name);
}
