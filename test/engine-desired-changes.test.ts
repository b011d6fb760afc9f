// Which accounts a change between two desired states touches (what `plan --changed-since`
// reads): every kind counts, references follow what they name, and whatever cannot be
// placed in accounts plans everything.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { desiredChanges } from "../src/engine/changed-since/desired-changes.js";
import { loadOrThrow } from "./helpers/scale.js";

const BASE = [
  "settings: { owner: test }",
  "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: { Workloads: {} } }",
  "accounts:",
  "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
  "  dev: { id: \"222222222222\", email: aws+dev@example.com, unit: Workloads }",
  "  prod: { id: \"333333333333\", email: aws+prod@example.com, unit: Workloads }",
  "roles:",
  "  - name: reader",
  "    path: /team/",
  "    in: { accounts: [dev] }",
  "    trust: { accounts: [management] }",
  "groups:",
  "  - name: readers",
  "    in: { accounts: [management] }",
  "    inlinePolicies:",
  "      assume: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: \"${role:dev/reader}\" }] }",
];

async function load(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "orgctl-changes-"));
  writeFileSync(join(dir, "orgctl.yaml"), lines.join("\n") + "\n");
  return loadOrThrow(join(dir, "orgctl.yaml"));
}

async function changes(after: string[]) {
  const c = desiredChanges(await load(BASE), await load(after));
  return { everything: c.everything, accounts: [...c.accounts].sort(), organization: c.organization };
}

describe("desiredChanges", () => {
  it("nothing changed: nothing to read", async () => {
    expect(await changes(BASE)).toEqual({ everything: false, accounts: [], organization: false });
  });

  it("a group's policy edited: the group's account only", async () => {
    expect(await changes(BASE.map((l) => l.replace("sts:AssumeRole", "\"sts:AssumeRole\"").replace("Effect: Allow", "Effect: Allow, Sid: A")))).toEqual({
      everything: false,
      accounts: ["management"],
      organization: false,
    });
  });

  it("a referenced role's path changed: its account and the account whose group names it (the ARN it is sent as changed)", async () => {
    expect(await changes(BASE.map((l) => l.replace("path: /team/", "path: /people/")))).toEqual({ everything: false, accounts: ["dev", "management"], organization: false });
  });

  it("a trusted role's path changed: the trusting account too, however its trust names the role (by account id, in another case)", async () => {
    for (const entry of ["222222222222/reader", "dev/READER"]) {
      const withGroups = [...BASE.slice(0, BASE.indexOf("groups:")), "  - name: auditor", "    in: { accounts: [prod] }", `    trust: { roles: ["${entry}"] }`, ...BASE.slice(BASE.indexOf("groups:"))];
      const c = desiredChanges(await load(withGroups), await load(withGroups.map((l) => l.replace("path: /team/", "path: /people/"))));
      expect([entry, [...c.accounts].sort()]).toEqual([entry, ["dev", "management", "prod"]]);
    }
  });

  it("an AppConfig application moved to another account: the account whose policy names its id too (the id it resolves to changes)", async () => {
    const withApp = [
      ...BASE.slice(0, BASE.indexOf("groups:")),
      "  - name: config-reader",
      "    in: { accounts: [prod] }",
      "    trust: { accounts: [management] }",
      "    inlinePolicies:",
      "      read: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Action: appconfig:GetLatestConfiguration, Resource: \"arn:aws:appconfig:us-east-1:*:application/${app:ListServices}/*\" }] }",
      ...BASE.slice(BASE.indexOf("groups:")),
      "appconfig:",
      "  ListServices:",
      "    account: dev",
    ];
    const c = desiredChanges(await load(withApp), await load(withApp.map((l) => l.replace("account: dev", "account: management"))));
    expect([...c.accounts].sort()).toEqual(["dev", "management", "prod"]);
  });

  it("a setting or the access role changed: everything", async () => {
    expect((await changes(BASE.map((l) => l.replace("owner: test", "owner: other")))).everything).toBe(true);
    expect((await changes(BASE.map((l) => l.replace("OrganizationAccountAccessRole", "OrgAccess")))).everything).toBe(true);
    expect((await changes([...BASE.map((l) => l.replace("settings: { owner: test }", "settings: { owner: test, prune: true }"))])).everything).toBe(true);
  });

  it("an account's id changed: everything (any reference to it resolves to another id)", async () => {
    expect((await changes(BASE.map((l) => l.replace("333333333333", "444444444444")))).everything).toBe(true);
  });
});
