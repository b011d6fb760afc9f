// A local stand-in for api.github.com: the REST routes the action uses (issue comments,
// issues, the pull requests of a commit, workflow-run artifacts and their download, the
// authenticated user), backed by memory, paginated with Link headers like GitHub,
// attributing what a token writes to its login, and recording every request so tests can
// assert the exact calls made. Faults (a 403, a secondary rate limit, a 5xx) can be
// injected for the next matching requests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  authorization?: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  /** Login of the author; "octocat" when a test seeds it without one. */
  user?: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string | null;
  labels: string[];
  pull_request?: boolean;
  user?: string;
}

export interface FakePull {
  number: number;
  headSha: string;
  mergeCommitSha: string;
  merged: boolean;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Uint8Array;
  expired?: boolean;
  /** The head commit of the run that uploaded it. */
  headSha: string;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** How many matching requests get this answer (default 1). */
  times?: number;
}

export interface GitHubApiHandle {
  url: string;
  calls: RecordedCall[];
  comments: FakeComment[];
  issues: FakeIssue[];
  pulls: FakePull[];
  artifacts: FakeArtifact[];
  /** Answer the next matching request(s) with this instead. */
  inject(fault: Fault): void;
  /** Calls excluding reads (GET): what the action changed. */
  writes(): RecordedCall[];
  stop(): Promise<void>;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
export const GITHUB_ACTIONS_BOT = "github-actions[bot]";
const NOT_ACCESSIBLE = { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" };

/** `logins`: token → the login GitHub attributes its writes to; installation tokens (ghs_) default to github-actions[bot]. */
export async function startGitHubApi(owner: string, repo: string, logins: Record<string, string> = {}): Promise<GitHubApiHandle> {
  const calls: RecordedCall[] = [];
  const comments: FakeComment[] = [];
  const issues: FakeIssue[] = [];
  const pulls: FakePull[] = [];
  const artifacts: FakeArtifact[] = [];
  const faults: Fault[] = [];
  let nextCommentId = 1000;
  let url = "";
  const prefix = `/repos/${owner}/${repo}`;

  const loginOf = (authorization: string | undefined) => {
    const token = (authorization ?? "").replace(/^(token|bearer) /i, "");
    return logins[token] ?? (token.startsWith("ghs_") ? GITHUB_ACTIONS_BOT : "octocat");
  };

  type Out = { status: number; json?: unknown; link?: string; headers?: Record<string, string>; raw?: Uint8Array };
  const route = (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>, login: string, token: string): Out => {
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/user") {
      // Installation tokens cannot read /user (docs.github.com/rest/users/users#get-the-authenticated-user).
      if (token.startsWith("ghs_")) return { status: 403, json: NOT_ACCESSIBLE };
      return { status: 200, json: { login, type: "User" } };
    }
    if (method === "GET" && (m = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
      const issue = Number(m[1]);
      return page(path, query, comments.filter((c) => c.issue === issue).map(commentJson));
    }
    if (method === "POST" && (m = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
      const comment = { id: nextCommentId++, issue: Number(m[1]), body: String(body.body), user: login };
      comments.push(comment);
      return { status: 201, json: commentJson(comment) };
    }
    if ((m = new RegExp(`^${prefix}/issues/comments/(\\d+)$`).exec(path))) {
      const comment = comments.find((c) => c.id === Number(m![1]));
      if (!comment) return notFound();
      if (method === "PATCH") {
        comment.body = String(body.body);
        return { status: 200, json: commentJson(comment) };
      }
      if (method === "DELETE") {
        comments.splice(comments.indexOf(comment), 1);
        return { status: 204 };
      }
    }
    if (method === "GET" && path === `${prefix}/issues`) {
      const labels = query.labels ? query.labels.split(",") : [];
      const state = query.state ?? "open";
      const found = issues
        .filter((i) => state === "all" || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number)
        .map(issueJson);
      return page(path, query, found);
    }
    if (method === "POST" && path === `${prefix}/issues`) {
      const issue: FakeIssue = {
        number: Math.max(0, ...issues.map((i) => i.number)) + 1,
        title: String(body.title),
        body: String(body.body ?? ""),
        state: "open",
        labels: (body.labels as string[] | undefined) ?? [],
        user: login,
      };
      issues.push(issue);
      return { status: 201, json: issueJson(issue) };
    }
    if (method === "PATCH" && (m = new RegExp(`^${prefix}/issues/(\\d+)$`).exec(path))) {
      const issue = issues.find((i) => i.number === Number(m![1]));
      if (!issue) return notFound();
      if (typeof body.body === "string") issue.body = body.body;
      if (body.state === "open" || body.state === "closed") issue.state = body.state;
      if (typeof body.state_reason === "string") issue.state_reason = body.state_reason;
      return { status: 200, json: issueJson(issue) };
    }
    if (method === "GET" && (m = new RegExp(`^${prefix}/commits/([0-9a-f]{40})/pulls$`).exec(path))) {
      const sha = m[1];
      return page(path, query, pulls.filter((p) => p.headSha === sha || (p.merged && p.mergeCommitSha === sha)).map(pullJson));
    }
    if (method === "GET" && (m = new RegExp(`^${prefix}/actions/runs/(\\d+)/artifacts$`).exec(path))) {
      const runId = Number(m[1]);
      const found = artifacts.filter((a) => a.runId === runId && (!query.name || a.name === query.name));
      return { status: 200, json: { total_count: found.length, artifacts: found.map(artifactJson) } };
    }
    if (method === "GET" && (m = new RegExp(`^${prefix}/actions/artifacts/(\\d+)/zip$`).exec(path))) {
      const artifact = artifacts.find((a) => a.id === Number(m![1]));
      if (!artifact) return notFound();
      if (artifact.expired) return { status: 410, json: { message: "Artifact has expired" } };
      // GitHub answers with a redirect to short-lived blob storage.
      return { status: 302, headers: { location: `${url}/_blob/artifact-${artifact.id}.zip` } };
    }
    if (method === "GET" && (m = /^\/_blob\/artifact-(\d+)\.zip$/.exec(path))) {
      const artifact = artifacts.find((a) => a.id === Number(m![1]));
      if (!artifact) return notFound();
      return { status: 200, raw: artifact.zip, headers: { "content-type": "application/zip" } };
    }
    return notFound();
  };

  const page = (path: string, query: Record<string, string>, items: unknown[]) => {
    const perPage = Math.min(Number(query.per_page ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const n = Number(query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams({ ...query, page: String(p) });
      return `<${url}${path}?${q.toString()}>; rel="${rel}"`;
    };
    const links = n < last ? [link(n + 1, "next"), link(last, "last")].join(", ") : undefined;
    return { status: 200, json: items.slice((n - 1) * perPage, n * perPage), ...(links ? { link: links } : {}) };
  };

  const user = (login: string) => ({ login, type: login.endsWith("[bot]") ? "Bot" : "User" });
  const commentJson = (c: FakeComment) => ({ id: c.id, body: c.body, user: user(c.user ?? "octocat"), html_url: `${url}/comment/${c.id}` });
  const issueJson = (i: FakeIssue) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason ?? null,
    user: user(i.user ?? "octocat"),
    labels: i.labels.map((name) => ({ name })),
    ...(i.pull_request ? { pull_request: { url: `${url}${prefix}/pulls/${i.number}` } } : {}),
  });
  const pullJson = (p: FakePull) => ({
    number: p.number,
    state: p.merged ? "closed" : "open",
    head: { sha: p.headSha, ref: `feature-${p.number}` },
    base: { ref: "main" },
    merged_at: p.merged ? "2026-11-28T12:00:00Z" : null,
    merge_commit_sha: p.mergeCommitSha,
  });
  const artifactJson = (a: FakeArtifact) => ({
    id: a.id,
    name: a.name,
    size_in_bytes: a.zip.length,
    expired: a.expired === true,
    archive_download_url: `${url}${prefix}/actions/artifacts/${a.id}/zip`,
    workflow_run: { id: a.runId, head_sha: a.headSha },
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const parsed = new URL(req.url ?? "/", url);
      const query = Object.fromEntries(parsed.searchParams);
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const method = req.method ?? "GET";
      calls.push({
        method,
        path: parsed.pathname,
        query,
        ...(text ? { body } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const fault = faults.find((f) => f.method === method && f.path.test(parsed.pathname));
      let out: Out;
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
        out = { status: fault.status, json: fault.json ?? {}, ...(fault.headers ? { headers: fault.headers } : {}) };
      } else {
        const token = (req.headers.authorization ?? "").replace(/^(token|bearer) /i, "");
        out = route(method, parsed.pathname, query, body, loginOf(req.headers.authorization), token);
      }
      res.statusCode = out.status;
      for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
      if (out.link) res.setHeader("link", out.link);
      if (out.raw) res.end(Buffer.from(out.raw));
      else if (out.json !== undefined) {
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify(out.json));
      } else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    calls,
    comments,
    issues,
    pulls,
    artifacts,
    inject: (fault) => faults.push(fault),
    writes: () => calls.filter((c) => c.method !== "GET"),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const notAccessible = NOT_ACCESSIBLE;

function notFound() {
  return { status: 404, json: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
}
