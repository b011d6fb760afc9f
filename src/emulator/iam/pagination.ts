// IAM's Marker/MaxItems/IsTruncated pagination. A marker names the key of the first item of
// the next page, so pages stay consistent when items before it are added or removed.
import { el } from "../protocol/query.js";
import { Constraints, intParam } from "./constraints.js";
import { invalidInput } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** IsTruncated and Marker elements, ready to append to a result. */
  xml: string;
}

/** `items` must be sorted by `keyOf`. */
export function paginate<T>(items: T[], keyOf: (item: T) => string, params: URLSearchParams): Page<T> {
  const maxItems = intParam(params, "MaxItems") ?? 100;
  new Constraints().range("maxItems", maxItems, 1, 1000).length("marker", params.get("Marker") ?? undefined, 1, 320).check();
  let start = 0;
  const marker = params.get("Marker");
  if (marker) {
    const key = decodeMarker(marker);
    start = items.findIndex((i) => keyOf(i) >= key);
    if (start < 0) start = items.length;
  }
  const pageItems = items.slice(start, start + maxItems);
  const next = items[start + maxItems];
  const xml = el("IsTruncated", next !== undefined) + (next !== undefined ? el("Marker", encodeMarker(keyOf(next))) : "");
  return { items: pageItems, xml };
}

const encodeMarker = (key: string) => Buffer.from(`v1:${key}`, "utf8").toString("base64url");

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, "base64url").toString("utf8");
  if (!text.startsWith("v1:")) throw invalidInput("Invalid Marker.");
  return text.slice(3);
}
