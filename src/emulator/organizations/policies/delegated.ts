// Delegated administrators: RegisterDelegatedAdministrator, DeregisterDelegatedAdministrator,
// ListDelegatedAdministrators, ListDelegatedServicesForAccount. Only a member account (not
// the management account, not a suspended one) may be registered, and only for a service
// whose trusted access is enabled (ConstraintViolationException SERVICE_ACCESS_NOT_ENABLED:
// "Call the EnableAWSServiceAccess API first", botocore's model).
import { AwsError } from "../../types.js";
import { requireManagement, type Call } from "../access.js";
import { PATTERNS, requiredId } from "../input.js";
import { paginate } from "../pagination.js";
import { accountShape, epochSeconds } from "../shapes.js";
import type { OrgAccount, Organization } from "../state.js";
import { servicePrincipal } from "./service-access.js";

function requireAccount(org: Organization, call: Call): OrgAccount {
  const account = org.accounts.get(requiredId(call.input, "AccountId", PATTERNS.accountId));
  if (!account) throw new AwsError("AccountNotFoundException", "You specified an account that doesn't exist.");
  return account;
}

const violation = (reason: string, message: string) => new AwsError("ConstraintViolationException", message, 400, { Reason: reason });

function notRegistered(): AwsError {
  return new AwsError("AccountNotRegisteredException", "The specified account is not a delegated administrator for this AWS service.");
}

export function registerDelegatedAdministrator(call: Call) {
  const org = requireManagement(call);
  const account = requireAccount(org, call);
  const principal = servicePrincipal(call);
  if (account.id === org.managementAccountId) {
    throw violation("CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR", "You can designate only a member account as a delegated administrator.");
  }
  if (account.status !== "ACTIVE") throw violation("CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR", "You cannot register a suspended account as a delegated administrator.");
  if (!org.policies.serviceAccess.has(principal)) {
    throw violation("SERVICE_ACCESS_NOT_ENABLED", "You attempted to register a delegated administrator before you enabled service access. Call the EnableAWSServiceAccess API first.");
  }
  const services = org.policies.delegatedAdmins.get(account.id) ?? new Map<string, number>();
  if (services.has(principal)) throw new AwsError("AccountAlreadyRegisteredException", "The specified account is already a delegated administrator for this AWS service.");
  services.set(principal, call.world.clock.wallNow());
  org.policies.delegatedAdmins.set(account.id, services);
  return {};
}

export function deregisterDelegatedAdministrator(call: Call) {
  const org = requireManagement(call);
  const account = requireAccount(org, call);
  const principal = servicePrincipal(call);
  const services = org.policies.delegatedAdmins.get(account.id);
  if (!services?.delete(principal)) throw notRegistered();
  if (services.size === 0) org.policies.delegatedAdmins.delete(account.id);
  return {};
}

export function listDelegatedAdministrators(call: Call) {
  const org = requireManagement(call);
  const principal = call.input.ServicePrincipal === undefined ? undefined : servicePrincipal(call);
  const rows = [...org.policies.delegatedAdmins]
    .map(([id, services]) => ({ account: org.accounts.get(id), since: principal === undefined ? Math.min(...services.values()) : services.get(principal) }))
    .filter((r): r is { account: OrgAccount; since: number } => r.account !== undefined && r.since !== undefined);
  const page = paginate(rows, call.input, `ListDelegatedAdministrators/${principal ?? ""}`);
  return {
    DelegatedAdministrators: page.items.map((r) => {
      // DelegatedAdministrator has an Account's members but Paths.
      const { Paths: _paths, ...account } = accountShape(org, r.account);
      return { ...account, DelegationEnabledDate: epochSeconds(r.since) };
    }),
    NextToken: page.nextToken,
  };
}

export function listDelegatedServicesForAccount(call: Call) {
  const org = requireManagement(call);
  const account = requireAccount(org, call);
  const services = org.policies.delegatedAdmins.get(account.id);
  if (!services) throw notRegistered();
  const all = [...services].map(([ServicePrincipal, at]) => ({ ServicePrincipal, DelegationEnabledDate: epochSeconds(at) }));
  const page = paginate(all, call.input, `ListDelegatedServicesForAccount/${account.id}`);
  return { DelegatedServices: page.items, NextToken: page.nextToken };
}
