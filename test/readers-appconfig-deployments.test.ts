// ListDeployments returns at most 50 deployments a page, newest first. When another
// profile deploys often, a pinned profile's last COMPLETE deployment can be pages back:
// the reader must page on until it finds it (or the plan proposes a needless deploy), and
// stop as soon as every pinned profile of the environment has one.
import { describe, expect, it } from "vitest";
import { clientFactoryFor, withEmulator } from "./helpers/emulator.js";
import { callsDuring } from "./helpers/scale.js";
import { account, app, desiredState, loc } from "./helpers/readers-desired.js";
import { OWNER } from "./fixtures/engine-factory.js";
import { readLiveState } from "../src/engine/read-live.js";
import { buildPlan } from "../src/engine/plan.js";
import type { Snapshot } from "../src/emulator/index.js";
import type { DesiredState, ProfileSpec } from "../src/model/types.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "111111111111";
const CONFIG = "222222222222";
const MANAGED = { "orgctl:managed": OWNER };
const PINNED = JSON.stringify({ limit: 10 });
const BUSY = JSON.stringify({ flag: true });
const STRATEGY = "AppConfig.AllAtOnce";

const deploys = (profile: string, count: number) =>
  Array.from({ length: count }, () => ({ environment: "production", profile, version: 1, strategy: STRATEGY, state: "COMPLETE" as const }));

/** An application whose production environment saw `history` (oldest first). */
function seededApp(name: string, history: ReturnType<typeof deploys>) {
  return {
    Name: name,
    Tags: MANAGED,
    environments: ["production"],
    profiles: [
      { Name: "Pinned", versions: [{ content: PINNED, contentType: "application/json", description: "v1" }] },
      { Name: "Busy", versions: [{ content: BUSY, contentType: "application/json", description: "v1" }] },
    ],
    deployments: history,
  };
}

// Each application in its own region: a plan reads only the regions its desired state names.
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
        // 121 deployments: Pinned's only one is the 61st newest, on page 2 of 3.
        "eu-west-1": { applications: [seededApp("Deep", [...deploys("Busy", 60), ...deploys("Pinned", 1), ...deploys("Busy", 60)])] },
        // 61 deployments: both profiles' last ones are on page 1.
        "eu-central-1": { applications: [seededApp("Shallow", [...deploys("Busy", 59), ...deploys("Pinned", 1), ...deploys("Busy", 1)])] },
      },
    },
  },
};

function profile(name: string, content: string): ProfileSpec {
  return {
    name,
    type: "AWS.Freeform",
    validators: [],
    versions: [{ label: "v1", content, contentType: "application/json", sensitive: false, loc }],
    deploy: [{ environment: "production", version: "v1", strategy: STRATEGY, loc }],
    loc,
  };
}

function desiredFor(name: string, region: string): DesiredState {
  return desiredState({
    managementAccount: MGMT,
    accounts: [account("management", { id: MGMT, email: "aws+management@example.com" }), account("config", { id: CONFIG, email: "aws+config@example.com" })],
    appconfig: [
      app(name, "config", region, {
        environments: [{ name: "production", tags: {}, loc }],
        profiles: [profile("Pinned", PINNED), profile("Busy", BUSY)],
      }),
    ],
  });
}

const emulator = withEmulator({ snapshot });

async function planWithCalls(desired: DesiredState) {
  const e = emulator();
  const clients = clientFactoryFor(e);
  try {
    const { result: live, count } = await callsDuring(e, () => readLiveState(desired, { kinds: KINDS, clients }));
    const plan = buildPlan(desired, live, { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" });
    return { changes: plan.changes.filter((c) => c.action !== "noop"), listDeployments: count("appconfig:ListDeployments") };
  } finally {
    clients.destroy();
  }
}

describe("AppConfig deployments beyond the first page", () => {
  it("finds a pinned profile's last COMPLETE deployment on page 2 and reads no further", async () => {
    const { changes, listDeployments } = await planWithCalls(desiredFor("Deep", "eu-west-1"));
    expect(changes).toEqual([]);
    expect(listDeployments).toBe(2);
  });

  it("reads one page when every pinned profile's last deployment is on it", async () => {
    const { changes, listDeployments } = await planWithCalls(desiredFor("Shallow", "eu-central-1"));
    expect(changes).toEqual([]);
    expect(listDeployments).toBe(1);
  });
});
