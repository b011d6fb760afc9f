// The audit log: one JSON line per operation outcome, appended synchronously so that a
// run killed halfway still leaves a record of everything it finished. Only addresses,
// ids and error messages go in (error messages are already redacted): never credentials.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_AUDIT_LOG = ".orgctl/audit.jsonl";

export interface AuditEntry {
  account: string;
  accountId?: string;
  address: string;
  operation: string;
  /** "in-flight": still running when an interrupt cut the wait short; its outcome may follow in a later line. */
  result: "applied" | "failed" | "refused" | "in-flight";
  error?: string;
}

export class AuditLog {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  record(entry: AuditEntry): void {
    appendFileSync(this.file, JSON.stringify({ time: new Date().toISOString(), ...entry }) + "\n");
  }
}
