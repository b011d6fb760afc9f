import { describe, expect, it } from "vitest";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import { ListApplicationsCommand } from "@aws-sdk/client-appconfig";
import { clientFor, withEmulator } from "./helpers/emulator.js";

describe("routing", () => {
  const emu = withEmulator();

  it("routes signed requests of every service to its module", async () => {
    const results = await Promise.allSettled([
      clientFor(emu(), "sts", { maxAttempts: 1 }).send(new GetCallerIdentityCommand({})),
      clientFor(emu(), "iam", { maxAttempts: 1 }).send(new ListRolesCommand({})),
      clientFor(emu(), "organizations", { maxAttempts: 1 }).send(new ListAccountsCommand({})),
      clientFor(emu(), "appconfig", { maxAttempts: 1 }).send(new ListApplicationsCommand({})),
    ]);
    const authErrors = results.filter((r) => r.status === "rejected" && /Token|Signature/.test((r.reason as Error).name));
    expect(authErrors).toEqual([]);
    expect(emu().world.calls.map((c) => c.service).sort()).toEqual(["appconfig", "iam", "organizations", "sts"]);
  });
});
