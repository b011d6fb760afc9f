// Turns `plan --changed-since <ref>` and `plan --shard i/n` into the selection of
// accounts to read and plan, and the reader options that read only those.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadDesiredState, type ParseCache } from "../config/index.js";
import { desiredChanges } from "../engine/changed-since/desired-changes.js";
import type { Selection } from "../engine/scope.js";
import { accountsInShard, parseShard } from "../engine/shard.js";
import type { DesiredState } from "../model/types.js";
import { UserError } from "./errors.js";

const run = promisify(execFile);

export interface ScopeFlags {
  changedSince?: string;
  shard?: string;
}

/** undefined: plan everything. */
export async function planSelection(desired: DesiredState, target: string, flags: ScopeFlags, parsed?: ParseCache): Promise<Selection | undefined> {
  if (flags.shard !== undefined) {
    const shard = parseShardFlag(flags.shard);
    const keys = desired.accounts.map((a) => a.key);
    return {
      by: `shard ${shard.index}/${shard.count}`,
      accounts: new Set(accountsInShard(keys, shard)),
      organization: shard.index === 1,
      organizationAccounts: "all",
      managementKey: managementKey(desired),
    };
  }
  if (flags.changedSince === undefined) return undefined;
  const before = await desiredStateAt(flags.changedSince, target, parsed);
  if (!before) {
    process.stderr.write(`No valid desired state at ${flags.changedSince}: planning everything.\n`);
    return undefined;
  }
  const changes = desiredChanges(before, desired);
  if (changes.everything) {
    process.stderr.write(`Something every account depends on changed since ${flags.changedSince} (settings, the management account, the access role or an account's id): planning everything.\n`);
    return undefined;
  }
  const current = new Set(desired.accounts.map((a) => a.key));
  return {
    by: `changed since ${flags.changedSince}`,
    accounts: new Set([...changes.accounts].filter((k) => current.has(k))),
    organization: changes.organization,
    organizationAccounts: changes.organizationAccounts,
    managementKey: managementKey(desired),
  };
}

/** As the planner names it: the YAML key of the management account, else "management". */
function managementKey(desired: DesiredState): string {
  const id = desired.organization?.managementAccount;
  return desired.accounts.find((a) => a.id !== undefined && a.id === id)?.key ?? "management";
}

function parseShardFlag(text: string) {
  try {
    return parseShard(text);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

/** The desired state as committed at `ref` (the same path inside the same repository), or undefined if it did not load. */
async function desiredStateAt(ref: string, target: string, parsed: ParseCache | undefined): Promise<DesiredState | undefined> {
  const absolute = path.resolve(target);
  // git runs where the desired state is: in the folder itself when the path is one (the repository root included).
  const where = (await stat(absolute).catch(() => undefined))?.isDirectory() ? absolute : path.dirname(absolute);
  const root = await git(where, ["rev-parse", "--show-toplevel"]).then((out) => out.trim());
  await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).catch(() => {
    throw new UserError(`--changed-since: ${ref} is not a commit in ${root}`);
  });
  const dir = await mkdtemp(path.join(tmpdir(), "orgctl-ref-"));
  try {
    await extract(root, ref, dir);
    const loaded = await loadDesiredState(path.join(dir, path.relative(root, absolute)), { cwd: dir, cache: parsed, ownerRoot: where });
    return loaded.state;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    return (await run("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new UserError(`--changed-since: git ${args[0]} failed: ${(e.stderr || e.message).trim()}`);
  }
}

/** `git archive <ref> | tar -x`: the committed tree, without touching the working tree or the index. */
function extract(root: string, ref: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn("git", ["archive", "--format=tar", ref], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const tar = spawn("tar", ["-x", "-C", dir], { stdio: ["pipe", "ignore", "pipe"] });
    archive.stdout.pipe(tar.stdin);
    let stderr = "";
    archive.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    tar.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    archive.on("error", reject);
    tar.on("error", reject);
    tar.on("close", (code) => (code === 0 ? resolve() : reject(new UserError(`--changed-since: cannot extract ${ref}: ${stderr.trim()}`))));
  });
}
