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

/**
 * Collects errors and warnings in the order they are found, each once: an application
 * declared for several regions is checked once per region, and says a problem once.
 */
export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  error(where: { file: string; line: number; col: number }, message: string): void {
    this.add(this.errors, { file: where.file, line: where.line, col: where.col, message, severity: "error" });
  }

  warn(where: { file: string; line: number; col: number }, message: string): void {
    this.add(this.warnings, { file: where.file, line: where.line, col: where.col, message, severity: "warning" });
  }

  private add(list: Diagnostic[], d: Diagnostic): void {
    const key = formatDiagnostic(d);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(d);
  }
}
