// ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (or,
// with PolicyUsageFilter=PermissionsBoundary, the roles it bounds). What a tool must check
// before it deletes a policy, since DeletePolicy refuses while any attachment remains.
import { el, members, required } from "../protocol/query.js";
import { compareKeys, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { requirePolicy } from "./managed-policies.js";
import { paginate } from "./pagination.js";

type Entity = { kind: "Group" | "User" | "Role"; key: string; name: string; id: string };

export const listEntitiesForPolicy: IamHandler = (call) => {
  const { params, state } = call;
  const filter = params.get("EntityFilter") ?? undefined;
  const usage = params.get("PolicyUsageFilter") ?? undefined;
  const prefix = params.get("PathPrefix") || "/";
  new Constraints()
    .enumeration("entityFilter", filter, ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"])
    .enumeration("policyUsageFilter", usage, ["PermissionsPolicy", "PermissionsBoundary"])
    .path("pathPrefix", params.get("PathPrefix") ?? undefined)
    .check();
  const arn = requirePolicy(call, required(params, "PolicyArn")).arn;
  const wants = (kind: Entity["kind"]) => filter === undefined || filter === kind;
  const asPolicy = usage !== "PermissionsBoundary";
  const asBoundary = usage !== "PermissionsPolicy";
  const found: Entity[] = [];
  if (wants("Group") && asPolicy)
    for (const g of state.groups.values())
      if (g.attachedPolicies.includes(arn) && g.path.startsWith(prefix)) found.push({ kind: "Group", key: `0:${g.groupName.toLowerCase()}`, name: g.groupName, id: g.groupId });
  if (wants("User") && asPolicy)
    for (const u of state.users.values())
      if (u.attachedPolicies.includes(arn) && u.path.startsWith(prefix)) found.push({ kind: "User", key: `1:${u.userName.toLowerCase()}`, name: u.userName, id: u.userId });
  if (wants("Role"))
    for (const r of state.roles.values()) {
      const uses = (asPolicy && r.attachedPolicies.includes(arn)) || (asBoundary && r.permissionsBoundary === arn);
      if (uses && r.path.startsWith(prefix)) found.push({ kind: "Role", key: `2:${r.roleName.toLowerCase()}`, name: r.roleName, id: r.roleId });
    }
  found.sort((a, b) => compareKeys(a.key, b.key));
  const page = paginate(found, (e) => e.key, params);
  const of = (kind: Entity["kind"]) => page.items.filter((e) => e.kind === kind);
  return (
    members("PolicyGroups", of("Group"), (e) => el("GroupName", e.name) + el("GroupId", e.id)) +
    members("PolicyUsers", of("User"), (e) => el("UserName", e.name) + el("UserId", e.id)) +
    members("PolicyRoles", of("Role"), (e) => el("RoleName", e.name) + el("RoleId", e.id)) +
    page.xml
  );
};
