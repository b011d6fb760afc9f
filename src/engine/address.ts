// Addresses name a resource across the plan: "<account>/<service>/<type>/<name>".
// The name part may itself contain slashes (unit paths, "<region>/<app>/<env>").
import type { ServiceKey } from "./types.js";

export interface Address {
  account: string;
  service: ServiceKey;
  type: string;
  name: string;
}

export function formatAddress(a: Address): string {
  return `${a.account}/${a.service}/${a.type}/${a.name}`;
}

export function parseAddress(text: string): Address {
  const [account, service, type, ...rest] = text.split("/");
  if (!account || !type || rest.length === 0 || !isService(service)) {
    throw new Error(`invalid resource address "${text}"`);
  }
  return { account, service, type, name: rest.join("/") };
}

function isService(s: string | undefined): s is ServiceKey {
  return s === "organizations" || s === "iam" || s === "appconfig";
}
