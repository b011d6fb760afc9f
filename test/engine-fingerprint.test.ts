// The live fingerprint is printed in every plan: hosted content (possibly a short
// secret) must not be one of its inputs, or hashing every candidate value gives it back.
import { describe, expect, it } from "vitest";
import { liveFingerprint } from "../src/engine/fingerprint.js";
import type { LiveApplication } from "../src/kinds/appconfig/live.js";
import { MANAGED, live, liveAccount, sha256 } from "./fixtures/engine-factory.js";

function withPin(pin: string, versionNumber = 1) {
  const application: LiveApplication = {
    id: "a1",
    name: "Vault",
    tags: { ...MANAGED },
    environments: [],
    profiles: [{ id: "p1", name: "Keys", type: "AWS.Freeform", validators: [], versions: [{ versionNumber, description: "v1", contentType: "text/plain", content: pin, contentSha256: sha256(pin) }] }],
  };
  return live({ dev: { ...liveAccount("222222222222"), appconfig: { "eu-west-1": { Vault: application } } } });
}

describe("live fingerprint", () => {
  it("does not depend on hosted content, only on which versions exist", () => {
    expect(liveFingerprint(withPin("1234"))).toBe(liveFingerprint(withPin("9876")));
    expect(liveFingerprint(withPin("1234"))).not.toBe(liveFingerprint(withPin("1234", 2)));
  });
});
