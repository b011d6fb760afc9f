// Turns the import into files: YAML documents with the schema header (the schema is
// written into the output too, so editors find it wherever the directory is checked out)
// and content files, all under one new directory.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import schema from "../../schemas/orgctl.schema.json" with { type: "json" };
import { UserError } from "../cli/errors.js";

export interface OutputFile {
  /** Relative to the output directory, "/"-separated. */
  path: string;
  text: string;
}

const SCHEMA_FILE = "schemas/orgctl.schema.json";

export function yamlFile(file: string, doc: object, comment?: string): OutputFile {
  const depth = file.split("/").length - 1;
  const schemaRef = "../".repeat(depth) + SCHEMA_FILE;
  const header = [`# yaml-language-server: $schema=${schemaRef}`, ...(comment ? comment.split("\n").map((l) => `# ${l}`) : [])];
  return { path: file, text: `${header.join("\n")}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}` };
}

export function schemaFile(): OutputFile {
  return { path: SCHEMA_FILE, text: JSON.stringify(schema, null, 2) + "\n" };
}

/** Refuses a directory that already has files: import never overwrites a desired state. */
export async function writeOutput(outDir: string, files: OutputFile[]): Promise<void> {
  const existing = await readdir(outDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  if (existing.length > 0) throw new UserError(`${outDir} is not empty; import writes a new desired state into an empty or new directory`);
  for (const file of files) {
    const target = path.join(outDir, ...file.path.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    // Owner-only: version content may be a secret (see --sensitive), and it is written before anyone reviews it.
    await writeFile(target, file.text, { mode: 0o600 });
  }
}
