// A policy document written in the YAML, or `{ file: path/to/policy.json }` beside it: the
// one reader roles' inline policies, groups' inline policies and managed policies share.
import type { PolicyDocument } from "../model/types.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { parseJson, readReferenced } from "./files.js";
import type { At } from "./source.js";

/** The document at `at`, or undefined when its file is missing or broken (already reported). */
export async function readPolicyDocument(doc: Record<string, unknown>, at: At, root: Root, diags: Diagnostics): Promise<PolicyDocument | undefined> {
  if (typeof doc.file === "string" && Object.keys(doc).length === 1) {
    const fileAt = { source: at.source, path: [...at.path, "file"] };
    const text = await readReferenced(fileAt, doc.file, root, diags);
    const parsed = text === undefined ? undefined : parseJson(text, doc.file, fileAt, diags);
    return parsed === undefined ? undefined : (parsed as PolicyDocument);
  }
  return doc as PolicyDocument;
}

/** Every named document of an `inlinePolicies` map; broken files are left out (already reported). */
export async function readInlinePolicies(
  docs: Record<string, Record<string, unknown>>,
  at: At,
  root: Root,
  diags: Diagnostics,
): Promise<Record<string, PolicyDocument>> {
  const out: Record<string, PolicyDocument> = {};
  for (const [name, doc] of Object.entries(docs)) {
    const read = await readPolicyDocument(doc, { source: at.source, path: [...at.path, name] }, root, diags);
    if (read !== undefined) out[name] = read;
  }
  return out;
}
