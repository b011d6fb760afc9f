// Helpers for apply tests: a fresh audit log path per run, and reading it back.
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function auditFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "orgctl-audit-")), "audit.jsonl");
}

export interface AuditLine {
  time: string;
  account: string;
  accountId?: string;
  address: string;
  operation: string;
  result: string;
  error?: string;
}

export function readAudit(file: string): AuditLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditLine);
}
