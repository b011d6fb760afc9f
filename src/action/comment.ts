// The sticky plan comment: one per configuration (working directory + path) on a pull
// request, found again by its hidden marker AND its author (only comments the Action's own
// identity wrote are edited or deleted; anyone can paste a marker) and edited in place on
// every push. A plan too long for one comment is split over several (each balanced, see
// split.ts); past MAX_PARTS it is trimmed with links to the run and its plan artifact.
import { BODY_LIMIT, type Octokit, type Repo } from "./github.js";
import { checkAuthor, sameLogin } from "./identity.js";
import { needing } from "./permissions.js";
import { splitMarkdown } from "./split.js";

export const MAX_PARTS = 5;
/** Room for the marker, part header and footer around each chunk. */
const FRAME_RESERVE = 2_000;

export interface FullPlanPointer {
  /** Link to the workflow run (its job summary has the whole plan). */
  runUrl: string;
  /** The run's artifact holding the whole plan. */
  artifact: string;
}

/** Comment bodies for `markdown`: one, or several when it exceeds GitHub's limit. */
export function planCommentBodies(marker: string, name: string, markdown: string, where: FullPlanPointer, limit = BODY_LIMIT): string[] {
  const chunks = splitMarkdown(markdown, limit - FRAME_RESERVE);
  const kept = chunks.slice(0, MAX_PARTS);
  const trimmed = chunks.length > kept.length;
  const pointer = `Full plan: the run's [job summary](${where.runUrl}) and its artifact [\`${where.artifact}\`](${where.runUrl}#artifacts).`;
  return kept.map((chunk, i) => {
    const parts = [marker];
    if (kept.length > 1) parts.push(`**orgctl plan for \`${name}\`, part ${i + 1} of ${kept.length}**`, "");
    parts.push(chunk);
    const last = i === kept.length - 1;
    if (trimmed && last) parts.push("", `> [!NOTE]`, `> The plan is too long for pull request comments; ${chunks.length - kept.length} more part(s) left out. ${pointer}`);
    else if (kept.length > 1) parts.push("", `> ${pointer}`);
    return parts.join("\n");
  });
}

export interface CommentTarget extends Repo {
  issueNumber: number;
}

export interface CommentResult {
  created: number[];
  updated: number[];
  deleted: number[];
}

export interface OwnComment {
  id: number;
  body: string;
}

/** This configuration's comments written by `identity`, oldest first. */
export async function ownComments(octokit: Octokit, target: CommentTarget, identity: string, ours: (body: string) => boolean): Promise<OwnComment[]> {
  const { owner, repo, issueNumber } = target;
  const all = await needing("pull-requests: write", "read the pull request's comments", () =>
    octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 }),
  );
  return all
    .filter((c) => sameLogin(c.user?.login, identity) && ours(c.body ?? ""))
    .sort((a, b) => a.id - b.id)
    .map((c) => ({ id: c.id, body: c.body ?? "" }));
}

/** Edits this configuration's own comments in place (oldest first), creates missing parts and deletes surplus ones. */
export async function upsertComments(octokit: Octokit, target: CommentTarget, existing: OwnComment[], identity: string, bodies: string[]): Promise<CommentResult> {
  const { owner, repo, issueNumber } = target;
  const result: CommentResult = { created: [], updated: [], deleted: [] };
  await needing("pull-requests: write", "write the plan comment", async () => {
    for (const [i, body] of bodies.entries()) {
      const current = existing[i];
      if (current) {
        if (current.body !== body) await octokit.rest.issues.updateComment({ owner, repo, comment_id: current.id, body });
        result.updated.push(current.id);
      } else {
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
        result.created.push(data.id);
        checkAuthor(data.user?.login, identity);
      }
    }
    for (const surplus of existing.slice(bodies.length)) {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: surplus.id });
      result.deleted.push(surplus.id);
    }
  });
  return result;
}
