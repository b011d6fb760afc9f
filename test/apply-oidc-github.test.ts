// GitHub Actions into an account: the OIDC provider declared once, a role trusting one
// repository's main branch through it. The role waits for the provider (IAM refuses a trust
// naming a provider that does not exist), both re-plan to zero, an audience change shows,
// and pruning the provider waits until no role of ours trusts it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetOpenIDConnectProviderCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const CI = "222222222222";
const ARN = `arn:aws:iam::${CI}:oidc-provider/token.actions.githubusercontent.com`;
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-oidc-"));
const write = (audiences: string, withRole = true) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { prune: true }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  ci: { id: "${CI}", email: aws+ci@example.com }
${audiences === "" ? "" : `oidcProviders:
  - url: https://token.actions.githubusercontent.com
    in: { accounts: [ci] }
    audiences: [${audiences}]
`}${withRole ? `roles:
  - name: deploy
    in: { accounts: [ci] }
    trust: { github: { repository: acme/infra, branches: [main] } }
    managedPolicies: [ReadOnlyAccess]
` : ""}`,
  );
write("sts.amazonaws.com");

describe("GitHub Actions OIDC provider and trust", () => {
  const sandbox = withExample(dir);

  it("creates the provider, then the role trusting the repository's main branch through it", async () => {
    const handle = sandbox.emulator();
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["create ci/iam/oidc-provider/token.actions.githubusercontent.com", "create ci/iam/role/deploy"]);
    expect(changeAt(plan, "ci/iam/role/deploy").dependsOn).toEqual(["ci/iam/oidc-provider/token.actions.githubusercontent.com"]);
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    const iam = await clientIn(handle, "iam", CI);
    const trust = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "deploy" }))).Role!.AssumeRolePolicyDocument!));
    // As orgctl sends it: normalised, every value a list.
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: [ARN] },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"], "token.actions.githubusercontent.com:sub": ["repo:acme/infra:ref:refs/heads/main"] } },
      },
    ]);
    expect((await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).ClientIDList).toEqual(["sts.amazonaws.com"]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("an audience removed is a destructive update of the provider", async () => {
    const handle = sandbox.emulator();
    write("sigstore");
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update ci/iam/oidc-provider/token.actions.githubusercontent.com"]);
    expect(changeAt(plan, "ci/iam/oidc-provider/token.actions.githubusercontent.com").destructive).toBe(true);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", CI);
    expect((await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).ClientIDList).toEqual(["sigstore"]);
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });

  it("pruned with the role trusting it: the role goes first, then the provider", async () => {
    const handle = sandbox.emulator();
    // Another provider keeps the kind declared, so prune still looks for ours.
    writeFileSync(
      path.join(dir, "orgctl.yaml"),
      `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { prune: true }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  ci: { id: "${CI}", email: aws+ci@example.com }
oidcProviders:
  - url: https://gitlab.example.com
    in: { accounts: [ci] }
    audiences: [aws]
`,
    );
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual([
      "create ci/iam/oidc-provider/gitlab.example.com",
      "delete ci/iam/oidc-provider/token.actions.githubusercontent.com",
      "delete ci/iam/role/deploy",
    ]);
    expect(changeAt(plan, "ci/iam/oidc-provider/token.actions.githubusercontent.com").dependsOn).toEqual(["ci/iam/role/deploy"]);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", CI);
    await expect(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });
});
