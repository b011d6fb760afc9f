// The `yaml` library builds a full syntax tree (about 0.7 s for a 10,000-account file), which
// orgctl needs only to point a diagnostic at a line. js-yaml reads the same file into plain
// data about ten times faster, so a clean file is read with it and the tree is built only if
// something must be located. Anything js-yaml does not read exactly as the `yaml` library's
// core schema would (an error, an anchor, a tag it cannot resolve the same way) is left to
// the `yaml` library, which then reports what is wrong as before.
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";
import { MAX_DEPTH } from "../model/json-text.js";

// js-yaml 4.1+ has these; the DefinitelyTyped declarations predate them.
declare module "js-yaml" {
  interface State {
    /** The anchor (`&name`) of the node being composed, null when it has none. */
    anchor: string | null;
  }
  interface LoadOptions {
    /** Nesting beyond this many levels is an error (js-yaml's default: 100). */
    maxDepth?: number;
  }
}

/** A plain scalar resolved as the `yaml` library's core schema (YAML 1.2) does, test for test. */
function coreType(tag: string, test: RegExp, construct: (text: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (text: string | null) => test.test(text ?? ""),
    construct: (text: string | null) => construct(text ?? ""),
  });
}

// Order and patterns from yaml/dist/schema/core (null, bool, int oct/dec/hex, float nan/exp/plain).
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreType("bool", /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === "t" || s[0] === "T"),
    coreType("int", /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith("0o") ? parseInt(s.slice(2), 8) : s.startsWith("0x") ? parseInt(s.slice(2), 16) : parseInt(s, 10),
    ),
    coreType(
      "float",
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/, (s) =>
      /nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === "-" ? -Infinity : Infinity) : parseFloat(s),
    ),
  ],
});

/**
 * The file's data when js-yaml reads it exactly as the `yaml` library would, else undefined
 * (a syntax error, a duplicate key, an anchor or alias, an unknown tag, an empty file, deep
 * nesting): the caller then parses it with the `yaml` library and reports from there.
 */
export function fastParse(text: string): { data: unknown } | undefined {
  let anchored = false;
  try {
    const data = load(text, {
      schema: CORE,
      maxDepth: MAX_DEPTH,
      listener(event, state) {
        if (event === "close" && state.anchor !== null) anchored = true;
      },
    });
    return anchored || data === undefined ? undefined : { data };
  } catch {
    return undefined;
  }
}
