// AppConfigData names what it reads by id or by name; these resolve both, for the handlers
// and for authorization (which evaluates the configuration's ARN, built from ids).
import type { RegionState } from "../state.js";

/** An id, or else a name (AppConfig names need not be unique: the first created wins). */
export function byIdOrName<T extends { id: string; name: string }>(items: Map<string, T>, ref: string): T | undefined {
  return items.get(ref) ?? [...items.values()].find((item) => item.name === ref);
}

export interface ConfigurationIds {
  ApplicationId: string;
  EnvironmentId: string;
  ConfigurationProfileId: string;
}

/** Ids for StartConfigurationSession's identifiers; what does not resolve stays as given (the handler reports it). */
export function idsOfIdentifiers(state: RegionState, body: Record<string, unknown>): ConfigurationIds {
  const ref = (name: string) => (typeof body[name] === "string" ? body[name] : "*");
  const app = byIdOrName(state.applications, ref("ApplicationIdentifier"));
  return {
    ApplicationId: app?.id ?? ref("ApplicationIdentifier"),
    EnvironmentId: (app && byIdOrName(app.environments, ref("EnvironmentIdentifier"))?.id) ?? ref("EnvironmentIdentifier"),
    ConfigurationProfileId: (app && byIdOrName(app.profiles, ref("ConfigurationProfileIdentifier"))?.id) ?? ref("ConfigurationProfileIdentifier"),
  };
}

/** Ids of the session a token names ("*" for a token that names none). */
export function idsOfToken(state: RegionState, token: string | null): ConfigurationIds {
  const sessionId = /^([a-z0-9]+):/.exec(Buffer.from(token ?? "", "base64url").toString("utf8"))?.[1];
  const session = sessionId === undefined ? undefined : state.sessions.get(sessionId);
  return { ApplicationId: session?.applicationId ?? "*", EnvironmentId: session?.environmentId ?? "*", ConfigurationProfileId: session?.profileId ?? "*" };
}
