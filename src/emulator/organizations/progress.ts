// Moves time-driven work forward to the world clock's "now": account creations finish
// (SUCCEEDED or FAILED) and closing accounts become SUSPENDED. Run before every call.
import type { World } from "../types.js";
import { noteNewRole } from "../consistency/propagation.js";
import { addMember, emailTaken } from "./provision.js";
import { ids, type CreateAccountRequestRecord, type Organization } from "./state.js";

export function settle(world: World, org: Organization): void {
  const now = world.clock.now();
  for (const request of org.createRequests.values()) {
    if (request.state === "IN_PROGRESS" && request.completesAt <= now) complete(world, org, request);
  }
  for (const account of org.accounts.values()) {
    if (account.status === "PENDING_CLOSURE" && account.closesAt !== undefined && account.closesAt <= now) {
      account.status = "SUSPENDED";
      delete account.closesAt;
    }
  }
}

function complete(world: World, org: Organization, request: CreateAccountRequestRecord): void {
  request.completedAt = world.clock.toWall(request.completesAt);
  if (emailTaken(org, request.email)) return fail(request, "EMAIL_ALREADY_EXISTS");
  if (org.accounts.size >= org.maxAccounts) return fail(request, "ACCOUNT_LIMIT_EXCEEDED");
  const account = addMember(world, org, {
    id: ids.account(world, (id) => world.accounts.has(id)),
    name: request.accountName,
    email: request.email,
    parentId: org.rootId,
    joinedMethod: "CREATED",
    tags: request.tags,
    accessRole: request.roleName,
  });
  account.joinedAt = world.clock.toWall(request.completesAt);
  noteNewRole(world, `arn:aws:iam::${account.id}:role/${request.roleName}`, { accessRole: true });
  request.state = "SUCCEEDED";
  request.accountId = account.id;
}

function fail(request: CreateAccountRequestRecord, reason: string): void {
  request.state = "FAILED";
  request.failureReason = reason;
}

