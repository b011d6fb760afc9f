// Configuration tokens: opaque to clients, each valid for one GetLatestConfiguration call and
// for 24 hours (botocore appconfigdata: "This token should only be used once … the token is
// valid for up to 24 hours"). A token names its session and its place in the session's
// sequence; only the session's latest token is valid, so a used one is told apart from a
// forged one.
import type { World } from "../../types.js";
import type { RegionState, SessionRecord } from "../state.js";
import { invalidToken } from "./errors.js";

export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const NONCE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Issues the session's next token (the previous one stops being valid). */
export function issueToken(world: World, session: SessionRecord): string {
  session.token = { sequence: session.token.sequence + 1, nonce: world.newId("", 32, NONCE_ALPHABET), issuedAt: world.clock.wallNow() };
  return Buffer.from(`${session.id}:${session.token.sequence}:${session.token.nonce}`, "utf8").toString("base64url");
}

/** The session a token belongs to, if it is the session's current, unexpired token. */
export function redeemToken(world: World, state: RegionState, token: string): SessionRecord {
  const parts = /^([a-z0-9]+):(\d+):([A-Za-z0-9]+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const session = parts ? state.sessions.get(parts[1]!) : undefined;
  if (!parts || !session) throw invalidToken("Corrupted", "The configuration token is not valid");
  const sequence = Number(parts[2]);
  if (sequence > session.token.sequence || (sequence === session.token.sequence && parts[3] !== session.token.nonce)) {
    throw invalidToken("Corrupted", "The configuration token is not valid");
  }
  if (sequence < session.token.sequence) {
    throw invalidToken("Expired", "The configuration token has already been used; use the NextPollConfigurationToken of its answer");
  }
  if (world.clock.wallNow() >= session.token.issuedAt + TOKEN_LIFETIME_MS) {
    throw invalidToken("Expired", "The configuration token has expired (tokens are valid for 24 hours); start a new configuration session");
  }
  return session;
}

/** Sessions whose last token expired can never be used again. */
export function forgetExpiredSessions(world: World, state: RegionState): void {
  const now = world.clock.wallNow();
  for (const [id, session] of state.sessions) {
    if (now >= session.token.issuedAt + TOKEN_LIFETIME_MS) state.sessions.delete(id);
  }
}
