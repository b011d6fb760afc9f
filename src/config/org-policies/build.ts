// organization.policies / policyTypes / fullAWSAccess / delegatedAdministrators /
// trustedServices → OrgPoliciesSpec. A policy's document is inline (`content`) or read from a
// JSON file (`file`, relative to the YAML and confined to the desired state's root); exactly
// one of the two is checked by the rules (org-policy-rules/check.ts).
import type { DelegatedAdminSpec, OrgPoliciesSpec, OrgPolicySpec, PolicyTargets } from "../../model/org-policy/spec.js";
import type { Root } from "../confined.js";
import type { Diagnostics } from "../diagnostics.js";
import { parseJson, readReferenced } from "../files.js";
import { locate } from "../locate.js";
import { pathLabel } from "../path-label.js";
import type { Entry } from "../merge.js";
import type { Origins } from "../origins.js";
import { child } from "../source.js";

interface RawTargets {
  root?: boolean;
  units?: string[];
  accounts?: string[];
}

function targets(raw: RawTargets | undefined): PolicyTargets {
  return { root: raw?.root ?? false, units: raw?.units ?? [], accounts: raw?.accounts ?? [] };
}

const hasAny = (v: Record<string, unknown>) =>
  ["policyTypes", "policies", "fullAWSAccess", "delegatedAdministrators", "trustedServices"].some((k) => v[k] !== undefined);

export async function buildOrgPolicies(entry: Entry, root: Root, origins: Origins, diags: Diagnostics): Promise<OrgPoliciesSpec | undefined> {
  const v = entry.value;
  if (!hasAny(v)) return undefined;
  const policies: OrgPolicySpec[] = [];
  for (const [name, p] of Object.entries<any>(v.policies ?? {})) {
    const at = child(entry.at, "policies", name);
    let document: unknown = p?.content;
    if ((p?.content === undefined) === (p?.file === undefined)) {
      diags.error(locate(at, { key: true }), `${pathLabel(at.path)}: policy "${name}" needs exactly one of "content" or "file"`);
    } else if (typeof p?.file === "string") {
      const fileAt = child(at, "file");
      const text = await readReferenced(fileAt, p.file, root, diags);
      document = text === undefined ? undefined : parseJson(text, p.file, fileAt, diags);
    }
    const spec: OrgPolicySpec = {
      name,
      type: p?.type,
      description: p?.description ?? "",
      document,
      ...(typeof p?.file === "string" ? { file: p.file } : {}),
      tags: p?.tags ?? {},
      targets: targets(p?.targets),
      adopt: p?.adopt ?? false,
      loc: locate(at, { key: true }),
    };
    origins.set(spec, at);
    policies.push(spec);
  }
  const delegatedAdministrators = (v.delegatedAdministrators ?? []).map((d: { account: string; service: string }, i: number): DelegatedAdminSpec => {
    const at = child(entry.at, "delegatedAdministrators", i);
    const spec: DelegatedAdminSpec = { account: d.account, servicePrincipal: d.service, loc: locate(at) };
    origins.set(spec, at);
    return spec;
  });
  const spec: OrgPoliciesSpec = {
    enable: v.policyTypes?.enable ?? [],
    disable: v.policyTypes?.disable ?? [],
    policies,
    managedDetachedFrom: v.fullAWSAccess?.detachFrom ? { SERVICE_CONTROL_POLICY: targets(v.fullAWSAccess.detachFrom) } : {},
    delegatedAdministrators,
    trustedServices: v.trustedServices ?? [],
  };
  origins.set(spec, entry.at);
  return spec;
}
