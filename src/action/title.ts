// The line above every plan the action publishes: which configuration, at which commit.
export function titled(path: string, commit: string | undefined, markdown: string): string {
  return `Configuration \`${path}\`${commit ? ` at ${commit.slice(0, 7)}` : ""}\n\n${markdown}`;
}
