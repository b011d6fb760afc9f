// Who owns what orgctl creates: the desired state itself, named by its repository and its
// folder inside it ("github.com/acme/infra:org"), so that two repositories (or two
// folders of one) managing the same accounts never prune each other's resources. The
// name must come out the same on a laptop and on CI for the same checkout, so it is built
// from the `origin` remote (credentials and `.git` stripped, SSH and HTTPS spelt alike),
// never from the runner's environment. `settings.owner` overrides it.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { LOCAL_OWNER_PREFIX } from "../model/ownership.js";

/** AWS tag values allow 256 characters (IAM and AppConfig). */
const MAX_OWNER = 256;

export function resolveOwner(rootDir: string, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const top = git(rootDir, ["rev-parse", "--show-toplevel"]);
  if (top === undefined) return clip(`${LOCAL_OWNER_PREFIX}${path.resolve(rootDir)}`);
  const relative = path.relative(top, path.resolve(rootDir)).split(path.sep).join("/") || ".";
  const remote = git(top, ["config", "--get", "remote.origin.url"]);
  const repo = remote ? normalizeRemote(remote) : `${LOCAL_OWNER_PREFIX}${path.basename(top)}`;
  return clip(`${repo}:${relative}`);
}

/** `git@github.com:Acme/infra.git`, `https://user:token@github.com/Acme/infra` → `github.com/Acme/infra`. */
export function normalizeRemote(url: string): string {
  const trimmed = url.trim();
  const scp = /^[^@/\s]+@([^:/\s]+):(.+)$/.exec(trimmed);
  let host: string;
  let repoPath: string;
  if (scp) {
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    try {
      const u = new URL(trimmed);
      host = u.hostname;
      repoPath = u.pathname;
    } catch {
      return `${LOCAL_OWNER_PREFIX}remote`;
    }
  }
  return `${host.toLowerCase()}/${repoPath.replace(/^\/+/, "").replace(/\.git$/, "").replace(/\/+$/, "")}`;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5000 }).trim();
    return out === "" ? undefined : out;
  } catch {
    return undefined;
  }
}

function clip(owner: string): string {
  return owner.length <= MAX_OWNER ? owner : owner.slice(owner.length - MAX_OWNER);
}
