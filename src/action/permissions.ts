// GitHub answers a token that lacks a workflow permission with a bare 403 "Resource not
// accessible by integration". Each call site knows which permission it needs, so the
// job fails naming it, with the line to add to the workflow.
export type Permission = "pull-requests: write" | "issues: write" | "actions: read" | "contents: read";

export class MissingPermission extends Error {}

export async function needing<T>(permission: Permission, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (statusOf(err) === 403 && err instanceof Error && /Resource not accessible by integration/i.test(err.message)) {
      throw new MissingPermission(
        `cannot ${what}: the token lacks the \`${permission}\` permission (GitHub: "Resource not accessible by integration"); add \`${permission}\` to the workflow's \`permissions:\``,
      );
    }
    throw err;
  }
}

/** The HTTP status of an Octokit RequestError (duck-typed: bundles may hold several copies of the class). */
export function statusOf(err: unknown): number | undefined {
  return err instanceof Error && "status" in err && typeof err.status === "number" ? err.status : undefined;
}
