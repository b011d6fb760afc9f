// A file's syntax tree (the `yaml` library's Document with its line counter) exists to turn
// a path into file:line:col. Building it costs ten times reading the data, so a file read
// cleanly builds it only when something is located in it; a file with errors already has one.
import { LineCounter, parseDocument, type Document } from "yaml";

export interface SyntaxTree {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/** Parses the text the way parseSource does; the library's own duplicate-key check stays off (see duplicate-keys.ts). */
export function parseTree(text: string): SyntaxTree {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  return { doc, lineCounter };
}

/** The tree of a text, parsed on first use. */
export class LazyTree implements SyntaxTree {
  #text: string;
  #tree: SyntaxTree | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  get doc(): Document {
    return this.#parsed().doc;
  }

  get lineCounter(): LineCounter {
    return this.#parsed().lineCounter;
  }

  #parsed(): SyntaxTree {
    this.#tree ??= parseTree(this.#text);
    return this.#tree;
  }
}
