// YAML forbids a key twice in one map. The yaml library's own check compares each new key
// with every earlier one (quadratic: seconds for a 10,000-account map), so orgctl parses
// with it off and checks here, once per map, with a set of the keys seen.
import { isScalar, visit, type Document, type Scalar } from "yaml";

/** Every key that repeats an earlier key of the same map, in document order. */
export function duplicateKeys(doc: Document): Scalar[] {
  const found: Scalar[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        // As the library compares: scalars by value (1 and "1" differ); any other key (a
        // collection, an alias) is a node of its own and never equals another.
        if (!isScalar(key) || (typeof key.value === "number" && Number.isNaN(key.value))) continue;
        if (seen.has(key.value)) found.push(key);
        seen.add(key.value);
      }
    },
  });
  return found;
}
