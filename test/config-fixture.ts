import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatDiagnostic, loadDesiredState } from "../src/config/index.js";

/** Writes files into a fresh temp directory and returns its path. */
export async function fixture(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "orgctl-config-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Loads `input` inside `dir` and returns the formatted errors and warnings. */
export async function diagnose(dir: string, input = ".") {
  const result = await loadDesiredState(input, { cwd: dir });
  return { ...result, errorLines: result.errors.map(formatDiagnostic), warningLines: result.warnings.map(formatDiagnostic) };
}

/** A small valid desired state to break in tests. */
export const BASE = `organization:
  managementAccount: "111111111111"
  accessRole: OrganizationAccountAccessRole
  units: { Workloads: { units: { Dev: {}, Prod: {} } } }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  development: { id: "222222222222", email: aws+dev@example.com, unit: Workloads/Dev, tags: { env: dev } }
  production: { id: "333333333333", email: aws+prod@example.com, unit: Workloads/Prod }
`;
