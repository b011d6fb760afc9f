import { isAlias, isMap, isNode, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from "yaml";
import type { Loc } from "../model/types.js";
import type { At, Segment, Source } from "./source.js";

/**
 * Where a path points in its file. A path that goes further than the document
 * (a missing property) points at the deepest node that exists, i.e. the parent map.
 * With `key`, a map entry is located by its key rather than its value.
 */
export function locate(at: At, opts: { key?: boolean } = {}): Loc {
  const { source, path } = at;
  let node: unknown = source.tree.doc.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (let i = 0; i < path.length; i++) {
    const resolved = resolveAlias(source, node);
    const step = stepInto(resolved, path[i]!);
    if (!step) break;
    const last = i === path.length - 1;
    const target = last && opts.key && step.key ? step.key : step.value;
    if (!isNode(target) || !target.range) break;
    offset = target.range[0];
    node = step.value;
  }
  const pos = source.tree.lineCounter.linePos(offset);
  return { file: source.file, line: pos.line, col: pos.col };
}

export function locateKey(at: At): Loc {
  return locate(at, { key: true });
}

/** Turns an ajv instancePath (JSON pointer) into path segments. */
export function pointerToPath(pointer: string): Segment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function resolveAlias(source: Source, node: unknown): unknown {
  // Aliases count against maxAliasCount when converted, so a chain here is short.
  let n = node;
  for (let hops = 0; isAlias(n) && hops < 100; hops++) n = n.resolve(source.tree.doc);
  return n;
}

function stepInto(node: unknown, seg: Segment): { key?: Node; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = keyIndex(node).get(String(seg));
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof seg === "number") {
    const item = node.items[seg];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

type MapNode = YAMLMap<unknown, unknown>;
/**
 * Each map's pairs by key text, built on the first lookup: a diagnostic or an origin for
 * every one of n accounts would otherwise scan the accounts map n times.
 */
const indexes = new WeakMap<MapNode, Map<string, { key: Scalar; value: unknown }>>();

function keyIndex(map: MapNode): Map<string, { key: Scalar; value: unknown }> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const { key, value } of map.items) {
      // The first pair with a key wins, as a search from the start would find it.
      if (isScalar(key) && !index.has(String(key.value))) index.set(String(key.value), { key, value });
    }
    indexes.set(map, index);
  }
  return index;
}

/**
 * A spec's `loc`, located when first read: most are never read (only a diagnostic does),
 * and locating needs the file's syntax tree, which a clean file otherwise never builds.
 * A class, not a plain object: walks over the desired state as data (reference
 * substitution) pass it by as it is, so they neither read it nor copy it.
 */
export function locateLater(at: At, opts: { key?: boolean } = {}): Loc {
  return new LocatedLater(at, opts);
}

class LocatedLater implements Loc {
  readonly file: string;
  declare readonly line: number;
  declare readonly col: number;

  constructor(at: At, opts: { key?: boolean }) {
    this.file = at.source.file;
    let found: Loc | undefined;
    const where = () => (found ??= locate(at, opts));
    // Own enumerable getters, as on a plain location: a copy or a comparison sees line and col.
    Object.defineProperties(this, {
      line: { get: () => where().line, enumerable: true },
      col: { get: () => where().col, enumerable: true },
    });
  }
}
