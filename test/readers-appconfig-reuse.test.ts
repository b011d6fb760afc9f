// A hosted version made by hand with the content a desired version pins is reused: the
// reader fetches every version's content when a desired label is missing, and the plan
// then proposes no duplicate version.
import { describe, expect, it } from "vitest";
import { clientFactoryFor, withEmulator } from "./helpers/emulator.js";
import { account, app, desiredState, loc } from "./helpers/readers-desired.js";
import { readLiveState } from "../src/engine/read-live.js";
import { buildPlan } from "../src/engine/plan.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "111111111111";
const CONFIG = "222222222222";
const content = JSON.stringify({ limit: 10 });

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [
      { id: MGMT, name: "management", email: "aws+management@example.com" },
      { id: CONFIG, name: "config", email: "aws+config@example.com" },
    ],
  },
  appconfig: {
    accounts: {
      [CONFIG]: {
        "eu-west-1": {
          applications: [
            {
              Name: "Svc",
              Tags: { "orgctl:managed": "true" },
              profiles: [
                {
                  Name: "Flags",
                  versions: [
                    { content: "{}", contentType: "application/json", description: "older" },
                    { content, contentType: "application/json", description: "made by hand" },
                  ],
                },
              ],
            },
          ],
        },
      },
    },
  },
};

const desired = desiredState({
  managementAccount: MGMT,
  accounts: [account("management", { id: MGMT, email: "aws+management@example.com" }), account("config", { id: CONFIG, email: "aws+config@example.com" })],
  appconfig: [
    app("Svc", "config", "eu-west-1", {
      profiles: [
        {
          name: "Flags",
          type: "AWS.Freeform",
          validators: [],
          versions: [{ label: "v1", content, contentType: "application/json", sensitive: false, loc }],
          deploy: [],
          loc,
        },
      ],
    }),
  ],
});

const emulator = withEmulator({ snapshot });

describe("AppConfig versions made outside orgctl", () => {
  it("are matched by content, so the plan creates no duplicate", async () => {
    const e = emulator();
    const clients = clientFactoryFor(e);
    const live = await readLiveState(desired, { kinds: KINDS, clients });
    clients.destroy();
    const versions = live.accounts.config!.appconfig!["eu-west-1"]!.Svc!.profiles[0]!.versions;
    expect(versions.map((v) => [v.versionNumber, v.description])).toEqual([[1, "older"], [2, "made by hand"]]);

    const plan = buildPlan(desired, live, { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" });
    expect(plan.changes.filter((c) => c.type === "version" && c.action !== "noop")).toEqual([]);
  });
});
