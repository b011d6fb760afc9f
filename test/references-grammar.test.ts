// The reference grammar on its own: what `${…}` forms are references, which are IAM policy
// variables, which are neither, and how substitution leaves unknown references for apply.
import { describe, expect, it } from "vitest";
import { scan } from "../src/model/references/grammar.js";
import { substitute } from "../src/model/references/substitute.js";

const kinds = (text: string) => scan(text).map((t) => (t.type === "malformed" ? `malformed ${t.text} ${t.problem}` : `${t.type} ${t.text}`));

describe("reference grammar", () => {
  it("recognises the six reference kinds with their targets", () => {
    expect(scan("${account:dev}${role:dev/Admin}${policy:dev/Read}${app:A}${environment:A/prod}${profile:A/Main}").map((t) => t.type === "reference" && t.reference)).toEqual([
      { kind: "account", account: "dev" },
      { kind: "role", account: "dev", name: "Admin" },
      { kind: "policy", account: "dev", name: "Read" },
      { kind: "app", app: "A" },
      { kind: "environment", app: "A", name: "prod" },
      { kind: "profile", app: "A", name: "Main" },
    ]);
  });

  it("passes IAM's policy variables and escapes, refuses everything else", () => {
    expect(kinds("a ${aws:username} ${aws:PrincipalTag/team} ${token.actions.githubusercontent.com:sub} ${*}${?}${$} ${aws:username, 'none'}")).toEqual([
      "iam-variable ${aws:username}",
      "iam-variable ${aws:PrincipalTag/team}",
      "iam-variable ${token.actions.githubusercontent.com:sub}",
      "iam-variable ${*}",
      "iam-variable ${?}",
      "iam-variable ${$}",
      "iam-variable ${aws:username, 'none'}",
    ]);
    expect(kinds("${appconfig:ListServices} ${appconfig.ListServices.id} ${} ${role:dev} ${account:a/b} ${app} ${account:dev")).toEqual([
      "malformed ${appconfig:ListServices} is not a reference orgctl knows",
      "malformed ${appconfig.ListServices.id} is not a reference orgctl knows",
      "malformed ${} is not a reference orgctl knows",
      "malformed ${role:dev} must be ${role:<account>/<role name>}",
      "malformed ${account:a/b} must be ${account:<account>}",
      "malformed ${app} needs a target: ${app:…}",
      "malformed ${account:dev has no closing }",
    ]);
    expect(kinds("plain $ text { } $notref")).toEqual([]);
  });

  it("scans long hostile input in linear time", () => {
    expect(scan("${".repeat(100_000)).length).toBe(100_000);
    expect(scan("${a".repeat(50_000) + "}").length).toBe(50_000);
  });

  it("substitutes what the lookup knows, in values and keys, and lists the rest once", () => {
    const doc = { Resource: ["arn:aws:iam::${account:dev}:role/${aws:username}", "${app:A}/${app:A}"], Condition: { StringEquals: { "${app:B}": "x" } } };
    const out = substitute(doc, (ref) => (ref.kind === "account" ? "222222222222" : undefined));
    expect(out.value).toEqual({ Resource: ["arn:aws:iam::222222222222:role/${aws:username}", "${app:A}/${app:A}"], Condition: { StringEquals: { "${app:B}": "x" } } });
    expect(out.pending).toEqual([{ kind: "app", app: "A" }, { kind: "app", app: "B" }]);
  });
});
