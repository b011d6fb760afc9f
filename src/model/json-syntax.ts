// Where JSON text first breaks the grammar (RFC 8259), found without recursion. Only
// called once JSON.parse has refused the text, whose own message would quote it.
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

type Expect = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";

/** Offset of the first character that cannot continue valid JSON (text.length for a premature end). */
export function jsonErrorOffset(text: string): number {
  const stack: ("{" | "[")[] = [];
  // What may come next: a value, an object key (or "}"), ":" , "," or a closer, or the end.
  let expect: Expect = "value";
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const afterValue = (): Expect => (stack.length === 0 ? "end" : "comma-or-close");
  for (;;) {
    skip();
    if (i >= text.length) return expect === "end" ? -1 : i;
    const c = text[i]!;
    switch (expect) {
      case "end":
        return i;
      case "colon":
        if (c !== ":") return i;
        i++;
        expect = "value";
        continue;
      case "comma-or-close": {
        const top = stack[stack.length - 1];
        if (c === ",") {
          i++;
          expect = top === "{" ? "key" : "value";
        } else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
          i++;
          stack.pop();
          expect = afterValue();
        } else return i;
        continue;
      }
      case "key":
      case "key-or-close":
        if (c === "}" && expect === "key-or-close") {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c !== '"') return i;
        STRING.lastIndex = i;
        if (!STRING.test(text)) return stringError(text, i);
        i = STRING.lastIndex;
        expect = "colon";
        continue;
      default: {
        if (c === "]" && expect === "value-or-close") {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "key-or-close" : "value-or-close";
          continue;
        }
        if (c === '"') {
          STRING.lastIndex = i;
          if (!STRING.test(text)) return stringError(text, i);
          i = STRING.lastIndex;
        } else if (c === "-" || (c >= "0" && c <= "9")) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return i + 1;
          i = NUMBER.lastIndex;
        } else {
          const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
          if (!word) return i;
          i += word.length;
        }
        expect = afterValue();
      }
    }
  }
}

/** The offending character inside a string that does not scan: a control character, a bad escape or the end. */
function stringError(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c < 0x20) return i;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return i;
    }
  }
  return text.length;
}
