// JSON Schema `pattern` and `patternProperties` come from whoever writes a validator, and
// ajv runs them on content with the native backtracking RegExp: "^(a+)+$" against
// "aaaa…a!" never ends. ajv lets the regular-expression engine be swapped (its
// `code.regExp` option); RE2's engine (the pure-JS port re2js) matches in time linear in
// the input. Patterns that need backtracking (back-references, look-around) are refused
// when the schema is compiled.
import type { CodeOptions } from "ajv";
import { RE2JS, RE2JSException } from "re2js";

export class UnsupportedPattern extends Error {}

function linearRegExp(pattern: string, flags = ""): { test: (s: string) => boolean; toString: () => string } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    throw new UnsupportedPattern(`pattern ${JSON.stringify(pattern)} is not supported (linear-time regular expressions only)`);
  }
  // ajv keeps one compiled pattern per toString() in a schema's scope: without its own, every
  // pattern of a schema would be "[object Object]" and run as the first one compiled.
  return { test: (s: string) => compiled.test(s), toString: () => `/${pattern}/${flags}` };
}

/** For ajv's `code: { regExp }`; `code` names it in generated standalone code, which orgctl does not emit. */
export const LINEAR_REGEXP: NonNullable<CodeOptions["regExp"]> = Object.assign(linearRegExp, { code: "linearRegExp" });
