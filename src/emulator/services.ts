// The service modules the emulator serves, and each one's protocol error shape for the
// errors the core itself raises (authentication, injected 5xx) before a module runs.
import { AwsError, type EmuResponse, type ServiceModule, type ServiceName } from "./types.js";
import { queryError } from "./protocol/query.js";
import { iamService } from "./iam/index.js";
import { stsService } from "./sts/index.js";
import { organizationsService } from "./organizations/index.js";
import { appconfigService } from "./appconfig/index.js";

export function allServices(): ServiceModule[] {
  return [iamService, stsService, organizationsService, appconfigService];
}

export const SERVICE_NAMES: readonly ServiceName[] = ["iam", "sts", "organizations", "appconfig"];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

type Protocol = "query" | "json" | "rest-json";

const PROTOCOLS: Record<ServiceName, { protocol: Protocol; xmlns?: string }> = {
  iam: { protocol: "query", xmlns: "https://iam.amazonaws.com/doc/2010-05-08/" },
  sts: { protocol: "query", xmlns: "https://sts.amazonaws.com/doc/2011-06-15/" },
  organizations: { protocol: "json" },
  appconfig: { protocol: "rest-json" },
};

export function protocolOf(service: ServiceName): Protocol {
  return PROTOCOLS[service].protocol;
}

/** Serialises an error the way the service's protocol does (awsQuery XML, awsJson1_1, restJson1). */
export function protocolError(service: ServiceName, err: AwsError, requestId: string): EmuResponse {
  const { protocol, xmlns } = PROTOCOLS[service];
  if (protocol === "query") return queryError(err, xmlns!, requestId);
  const headers: Record<string, string> = { "x-amzn-requestid": requestId };
  if (protocol === "json") {
    headers["content-type"] = "application/x-amz-json-1.1";
    return { status: err.status, headers, body: JSON.stringify({ __type: err.code, message: err.message, ...err.extra }) };
  }
  headers["content-type"] = "application/json";
  headers["x-amzn-errortype"] = err.code;
  return { status: err.status, headers, body: JSON.stringify({ Message: err.message, ...err.extra }) };
}

export type AuthFailure = "missing" | "wrong-region" | "unknown-key" | "bad-signature" | "expired";

/**
 * The error each protocol's front end returns when authentication fails: awsQuery services
 * use the classic codes, JSON and REST-JSON services the *Exception ones; all answer 403.
 */
export function authError(service: ServiceName, failure: AuthFailure, scope?: { region: string }): AwsError {
  const query = protocolOf(service) === "query";
  switch (failure) {
    case "wrong-region":
      // AWS's text, trailing space included.
      return new AwsError(query ? "SignatureDoesNotMatch" : "InvalidSignatureException", `Credential should be scoped to a valid region, not '${scope?.region ?? ""}'. `, 403);
    case "missing":
      return new AwsError(query ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException", "Request is missing Authentication Token", 403);
    case "unknown-key":
      return new AwsError(query ? "InvalidClientTokenId" : "UnrecognizedClientException", "The security token included in the request is invalid.", 403);
    case "bad-signature":
      return new AwsError(
        query ? "SignatureDoesNotMatch" : "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        403,
      );
    case "expired":
      return new AwsError(query ? "ExpiredToken" : "ExpiredTokenException", "The security token included in the request is expired", 403);
  }
}
