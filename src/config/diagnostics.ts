export type Severity = "error" | "warning";

/** One finding about the desired state, pointing at the YAML (line/col 1-based; 0 when the whole file is meant). */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: Severity;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  return `${where}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;
}

/** Collects errors and warnings in the order they are found. */
export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];

  error(where: { file: string; line: number; col: number }, message: string): void {
    this.errors.push({ file: where.file, line: where.line, col: where.col, message, severity: "error" });
  }

  warn(where: { file: string; line: number; col: number }, message: string): void {
    this.warnings.push({ file: where.file, line: where.line, col: where.col, message, severity: "warning" });
  }
}
