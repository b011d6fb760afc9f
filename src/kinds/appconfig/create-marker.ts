// AppConfig creates take no client token, so a create whose answer was lost cannot be told
// apart from someone else's resource by name alone. Each create tags the resource with a
// token generated for that operation; before re-sending, the operation looks for a
// resource with its name AND its token. The tag stays (evidence of which run made it) and
// is invisible to plans: readers and tag convergence leave it out.
import { randomUUID } from "node:crypto";

export const CREATE_MARKER_TAG = "orgctl:create-token";

export function newCreateMarker(): string {
  return randomUUID();
}

/** Tags as plans see them: without the create marker. */
export function withoutCreateMarker(tags: Record<string, string>): Record<string, string> {
  const { [CREATE_MARKER_TAG]: _marker, ...rest } = tags;
  return rest;
}
