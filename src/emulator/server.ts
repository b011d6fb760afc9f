// HTTP front end: authenticates SigV4-signed requests, routes them by the credential scope's
// service to its module, applies injected faults and records every call.
// Everything a client sends is hostile until proven otherwise: the body is read only up to
// its protocol's limit (before authentication), URLs and headers are parsed without
// throwing, and no answer carries anything but AWS-shaped errors (never internal state).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsError, type CredentialRecord, type EmuRequest, type EmuResponse, type ServiceModule, type ServiceName, type World } from "./types.js";
import { parseAuthorization, verifySignature, type SigV4Authorization } from "./auth.js";
import { authorize } from "./authz/authorize.js";
import { authError, isServiceName, protocolError, type AuthFailure } from "./services.js";
import { BODY_LIMITS, UNKNOWN_SERVICE_BODY_LIMIT, bodyTooLarge } from "./protocol/limits.js";
import { readLimitedBody } from "./protocol/body.js";
import { requiredSigningRegion } from "./protocol/signing-region.js";
import type { FaultInjector } from "./faults.js";

type Unauthenticated = Omit<EmuRequest, "principal">;

export interface ServerOptions {
  /**
   * Also accept IAM and Organizations signatures scoped to this region. A client given an
   * endpoint override signs global services with its own configured region (botocore's
   * ClientEndpointBridge, the JS SDK's endpoint rules for a custom Endpoint), which it never
   * does against AWS's own endpoints; the sandbox accepts that region so the environment
   * it prints works for every client. Tests leave it unset: only us-east-1 passes.
   */
  endpointOverrideRegion?: string;
}

export function createEmulatorServer(world: World, faults: FaultInjector, options: ServerOptions = {}): Server {
  return createServer((req, res) => {
    serve(world, faults, options, req, res).catch(() => {
      // Last resort: a bug in the core itself must not take the emulator down, nor show its internals.
      if (!res.headersSent && !res.destroyed) send(res, protocolError("iam", internalFailure(), randomUUID()));
    });
  });
}

async function serve(world: World, faults: FaultInjector, options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  const requestId = randomUUID();
  const headers = lowerCaseHeaders(req);
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? "" : rawUrl.slice(queryStart + 1));
  const auth = parseAuthorization(headers["authorization"]);
  const claimed = auth ? auth.service : guessServiceFromHeaders(headers);
  const knownClaim = claimed !== undefined && isServiceName(claimed) ? claimed : undefined;

  const read = await readLimitedBody(req, knownClaim ? BODY_LIMITS[knownClaim] : UNKNOWN_SERVICE_BODY_LIMIT);
  if ("tooLarge" in read) {
    const service = knownClaim ?? "iam";
    world.calls.push({ service, operation: "Unknown", accountId: "", status: 413 });
    // The rest of the body is never read: answer, then drop the connection.
    res.once("finish", () => req.socket.destroy());
    send(res, protocolError(service, bodyTooLarge(service, read.tooLarge), requestId), { connection: "close" });
    return;
  }
  const body = read.body;
  const service = auth ? knownClaim : guessService(headers, body, query);
  if (!service) {
    // Unsigned and not recognisably any service, or signed for a service this endpoint does not serve.
    const err = auth
      ? new AwsError("SignatureDoesNotMatch", "Credential should be scoped to correct service. ", 403)
      : authError("iam", "missing");
    send(res, protocolError("iam", err, requestId));
    return;
  }
  const module = world.services.get(service)!;
  const base: Unauthenticated = {
    service,
    region: auth?.region ?? "us-east-1",
    method: req.method ?? "GET",
    path: rawPath.split("/").map(safeDecode).join("/"),
    query,
    headers,
    body,
    requestId,
  };
  const operation = safeOperationOf(module, base);

  const failure = await authenticate(world, service, options, { method: base.method, rawPath, query, headers, body }, auth);
  if (typeof failure === "string") {
    const response = protocolError(service, authError(service, failure, auth), base.requestId);
    world.calls.push({ service, operation, accountId: "", status: response.status });
    send(res, response);
    return;
  }
  const request: EmuRequest = { ...base, principal: failure.principal };

  const fault = faults.decide(service, operation, request.principal.accountId);
  // Latency is the time a call takes, as AWS's does: the emulator's own work so far (reading
  // the body, checking the signature) is part of it, not added on top.
  const wait = fault.delayMs - (performance.now() - arrived);
  if (wait > 0) await sleep(wait);
  if (fault.outcome === "drop") {
    world.calls.push({ service, operation, accountId: request.principal.accountId, status: 0 });
    req.socket.destroy();
    return;
  }
  const response =
    fault.outcome === "throttle"
      ? module.throttle(base)
      : fault.outcome === "5xx"
        ? injectedServerError(service, faults.serverErrorStatus(), base.requestId)
        : fault.error
          ? protocolError(service, fault.error, base.requestId)
          : (authorize(world, request, operation) ?? (await dispatch(module, request, world)));
  if (fault.lostAnswer !== undefined) return loseAnswer(world, faults, fault.lostAnswer, request, operation, req, res);
  world.calls.push({ service, operation, accountId: request.principal.accountId, status: response.status, ms: performance.now() - arrived });
  send(res, response);
}

async function authenticate(
  world: World,
  service: ServiceName,
  options: ServerOptions,
  received: Parameters<typeof verifySignature>[0],
  auth: SigV4Authorization | undefined,
): Promise<AuthFailure | CredentialRecord> {
  if (!auth) return "missing";
  const region = requiredSigningRegion(service);
  if (region !== undefined && auth.region !== region && auth.region !== options.endpointOverrideRegion) return "wrong-region";
  const record = world.credentials.get(auth.accessKeyId);
  if (!record) return world.credentials.wasEvicted(auth.accessKeyId) ? "expired" : "unknown-key";
  // A session key is only valid together with its own token, and a long-term key with none.
  if (received.headers["x-amz-security-token"] !== record.sessionToken) return "unknown-key";
  if (!(await verifySignature(received, auth, record))) return "bad-signature";
  if (record.expiresAt !== undefined && world.clock.wallNow() >= record.expiresAt) return "expired";
  return record;
}

async function dispatch(module: ServiceModule, request: EmuRequest, world: World): Promise<EmuResponse> {
  try {
    return await module.handle(request, world);
  } catch (err) {
    // Modules convert their own AwsErrors; anything reaching here is a module bug: its message stays inside.
    return protocolError(module.name, err instanceof AwsError ? err : internalFailure(), request.requestId);
  }
}

/** The call ran and its effect stays; the client sees a dropped connection or a 5xx instead of the answer. */
function loseAnswer(world: World, faults: FaultInjector, how: "drop" | "5xx", request: EmuRequest, operation: string, req: IncomingMessage, res: ServerResponse): void {
  const { service, requestId } = request;
  const lost = how === "5xx" ? injectedServerError(service, faults.serverErrorStatus(), requestId) : undefined;
  world.calls.push({ service, operation, accountId: request.principal.accountId, status: lost?.status ?? 0 });
  if (lost) send(res, lost);
  else req.socket.destroy();
}

function internalFailure(): AwsError {
  return new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
}

function injectedServerError(service: ServiceName, status: 500 | 503, requestId: string): EmuResponse {
  const err = status === 500 ? internalFailure() : new AwsError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);
  return protocolError(service, err, requestId);
}

function safeOperationOf(module: ServiceModule, req: Unauthenticated): string {
  try {
    return module.operationOf(req);
  } catch {
    return "Unknown";
  }
}

/** Before the body is read, an unsigned request's service can only be guessed from its headers. */
function guessServiceFromHeaders(headers: Record<string, string>): string | undefined {
  const target = headers["x-amz-target"];
  if (target !== undefined) return target.startsWith("AWSOrganizations") ? "organizations" : undefined;
  if ((headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return "iam";
  return "appconfig";
}

/** Unsigned requests carry no credential scope; infer the service so the error has its protocol's shape. */
function guessService(headers: Record<string, string>, body: Buffer, query: URLSearchParams): ServiceName | undefined {
  if (headers["x-amz-target"]?.startsWith("AWSOrganizations")) return "organizations";
  const params = new URLSearchParams(body.toString("utf8"));
  const version = params.get("Version") ?? query.get("Version");
  if (version === "2010-05-08") return "iam";
  if (version === "2011-06-15") return "sts";
  if (headers["x-amz-target"] === undefined && !params.has("Action")) return "appconfig";
  return undefined;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, response: EmuResponse, extraHeaders: Record<string, string> = {}): void {
  const body = response.body ?? "";
  res.writeHead(response.status, { ...response.headers, ...extraHeaders, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
