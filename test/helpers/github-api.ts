// A local stand-in for api.github.com: the REST routes the action uses (issue comments and
// issues), backed by memory, paginated with Link headers like GitHub, and recording every
// request so tests can assert the exact calls made.
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
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string;
  labels: string[];
  pull_request?: boolean;
}

export interface GitHubApiHandle {
  url: string;
  calls: RecordedCall[];
  comments: FakeComment[];
  issues: FakeIssue[];
  /** Calls excluding reads (GET): what the action changed. */
  writes(): RecordedCall[];
  stop(): Promise<void>;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export async function startGitHubApi(owner: string, repo: string): Promise<GitHubApiHandle> {
  const calls: RecordedCall[] = [];
  const comments: FakeComment[] = [];
  const issues: FakeIssue[] = [];
  let nextCommentId = 1000;
  let url = "";
  const prefix = `/repos/${owner}/${repo}`;

  const route = (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>): { status: number; json?: unknown; link?: string } => {
    let m: RegExpExecArray | null;
    if (method === "GET" && (m = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
      const issue = Number(m[1]);
      return page(path, query, comments.filter((c) => c.issue === issue).map(commentJson));
    }
    if (method === "POST" && (m = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(path))) {
      const comment = { id: nextCommentId++, issue: Number(m[1]), body: String(body.body) };
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

  const commentJson = (c: FakeComment) => ({ id: c.id, body: c.body, user: { login: "github-actions[bot]", type: "Bot" }, html_url: `${url}/comment/${c.id}` });
  const issueJson = (i: FakeIssue) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name) => ({ name })),
    ...(i.pull_request ? { pull_request: { url: `${url}${prefix}/pulls/${i.number}` } } : {}),
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const parsed = new URL(req.url ?? "/", url);
      const query = Object.fromEntries(parsed.searchParams);
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      calls.push({
        method: req.method ?? "GET",
        path: parsed.pathname,
        query,
        ...(text ? { body } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const out = route(req.method ?? "GET", parsed.pathname, query, body);
      res.statusCode = out.status;
      if (out.link) res.setHeader("link", out.link);
      if (out.json !== undefined) {
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
    writes: () => calls.filter((c) => c.method !== "GET"),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound() {
  return { status: 404, json: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
}
