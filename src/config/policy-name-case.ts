// IAM inline policy names ignore case: a role or group holds one policy for `Read` and
// `read`, so two such keys in the YAML would be put over each other on every apply.

/** Each name that repeats an earlier one but for case, with the earlier spelling. */
export function repeatedNames(names: readonly string[]): { name: string; first: string }[] {
  const seen = new Map<string, string>();
  const out: { name: string; first: string }[] = [];
  for (const name of names) {
    const first = seen.get(name.toLowerCase());
    if (first === undefined) seen.set(name.toLowerCase(), name);
    else out.push({ name, first });
  }
  return out;
}

export const repeatedMessage = ({ name, first }: { name: string; first: string }): string =>
  `"${name}" is the inline policy "${first}" again (IAM policy names ignore case)`;
