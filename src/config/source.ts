import type { SyntaxTree } from "./tree.js";

/** One parsed YAML file with what is needed to point back into it. */
export interface Source {
  /** Path relative to the working directory, as printed in diagnostics. */
  file: string;
  abs: string;
  /** The syntax tree, for positions (built on first use when the file read cleanly). */
  tree: SyntaxTree;
  /** The document as plain JS. */
  data: unknown;
  /** True for files given directly (may use `include`), false for included ones. */
  root: boolean;
}

export type Segment = string | number;

/** A node of a source, by its path from the document root. */
export interface At {
  source: Source;
  path: Segment[];
}

export function child(at: At, ...more: Segment[]): At {
  return { source: at.source, path: [...at.path, ...more] };
}
