// The sticky plan comment: one per configuration path on a pull request, found again by a
// hidden marker and edited in place on every push. A plan too long for one comment is
// split over several (each balanced, see split.ts); past MAX_PARTS it is trimmed and
// points to the job summary and the plan-json output.
import { BODY_LIMIT, type Octokit, type Repo } from "./github.js";
import { splitMarkdown } from "./split.js";

export const MAX_PARTS = 5;
/** Room for the marker, part header and footer around each chunk. */
const FRAME_RESERVE = 2_000;

export function planMarker(path: string): string {
  return `<!-- orgctl-plan:${markerSafe(path)} -->`;
}

/** Keeps a path from ending the HTML comment early. */
export function markerSafe(path: string): string {
  return path.replace(/--/g, "-\u200b-").replace(/>/g, "&gt;");
}

export interface FullPlanPointer {
  /** Link to the workflow run (its job summary has the whole plan). */
  runUrl: string;
  /** Where the plan JSON was written (the plan-json output). */
  planJson: string;
}

/** Comment bodies for `markdown`: one, or several when it exceeds GitHub's limit. */
export function planCommentBodies(path: string, markdown: string, where: FullPlanPointer, limit = BODY_LIMIT): string[] {
  const chunks = splitMarkdown(markdown, limit - FRAME_RESERVE);
  const kept = chunks.slice(0, MAX_PARTS);
  const trimmed = chunks.length > kept.length;
  const pointer = `Full plan: the [job summary](${where.runUrl}) and the \`plan-json\` output (\`${where.planJson}\`).`;
  return kept.map((chunk, i) => {
    const parts = [planMarker(path)];
    if (kept.length > 1) parts.push(`**orgctl plan for \`${path}\`, part ${i + 1} of ${kept.length}**`, "");
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

/** Edits this path's comments in place (oldest first), creates missing parts and deletes surplus ones. */
export async function upsertPlanComments(octokit: Octokit, target: CommentTarget, path: string, bodies: string[]): Promise<CommentResult> {
  const { owner, repo, issueNumber } = target;
  const marker = planMarker(path);
  const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const existing = all.filter((c) => c.body?.startsWith(marker + "\n") || c.body === marker).sort((a, b) => a.id - b.id);
  const result: CommentResult = { created: [], updated: [], deleted: [] };
  for (const [i, body] of bodies.entries()) {
    const current = existing[i];
    if (current) {
      if (current.body !== body) await octokit.rest.issues.updateComment({ owner, repo, comment_id: current.id, body });
      result.updated.push(current.id);
    } else {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
      result.created.push(data.id);
    }
  }
  for (const surplus of existing.slice(bodies.length)) {
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: surplus.id });
    result.deleted.push(surplus.id);
  }
  return result;
}
