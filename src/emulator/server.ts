// HTTP front end: authenticates SigV4-signed requests, routes them by the credential scope's
// service to its module, applies injected faults and records every call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsError, type CredentialRecord, type EmuRequest, type EmuResponse, type ServiceModule, type ServiceName, type World } from "./types.js";
import { parseAuthorization, verifySignature } from "./auth.js";
import { authorize } from "./authz/authorize.js";
import { authError, isServiceName, protocolError, type AuthFailure } from "./services.js";
import type { FaultInjector } from "./faults.js";

type Unauthenticated = Omit<EmuRequest, "principal">;

export function createEmulatorServer(world: World, faults: FaultInjector): Server {
  return createServer((req, res) => {
    serve(world, faults, req, res).catch((err: unknown) => {
      // Last resort: a bug in the core itself must not take the emulator down.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`emulator error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
}

async function serve(world: World, faults: FaultInjector, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://emulator");
  const headers = lowerCaseHeaders(req);
  const rawPath = (req.url ?? "/").split("?")[0]!;
  const auth = parseAuthorization(headers["authorization"]);
  const service = auth ? auth.service : guessService(headers, body, url.searchParams);
  if (!service || !isServiceName(service)) {
    send(res, { status: 400, headers: { "content-type": "text/plain" }, body: `unknown service ${service ?? "(unsigned request)"}` });
    return;
  }
  const module = world.services.get(service)!;
  const base: Unauthenticated = {
    service,
    region: auth?.region ?? "us-east-1",
    method: req.method ?? "GET",
    path: rawPath.split("/").map(safeDecode).join("/"),
    query: url.searchParams,
    headers,
    body,
    requestId: randomUUID(),
  };
  const operation = safeOperationOf(module, base);

  const failure = await authenticate(world, { method: base.method, rawPath, query: url.searchParams, headers, body }, auth);
  if (typeof failure === "string") {
    const response = protocolError(service, authError(service, failure), base.requestId);
    world.calls.push({ service, operation, accountId: "", status: response.status });
    send(res, response);
    return;
  }
  const request: EmuRequest = { ...base, principal: failure.principal };

  const fault = faults.decide(service, operation, request.principal.accountId);
  if (fault.delayMs > 0) await sleep(fault.delayMs);
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
        : (authorize(world, request, operation) ?? (await dispatch(module, request, world)));
  world.calls.push({ service, operation, accountId: request.principal.accountId, status: response.status });
  send(res, response);
}

async function authenticate(
  world: World,
  received: Parameters<typeof verifySignature>[0],
  auth: ReturnType<typeof parseAuthorization>,
): Promise<AuthFailure | CredentialRecord> {
  if (!auth) return "missing";
  const record = world.credentials.get(auth.accessKeyId);
  if (!record) return "unknown-key";
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
    // Modules convert their own AwsErrors; anything reaching here is a module bug or an unconverted error.
    const awsError = err instanceof AwsError ? err : new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
    return protocolError(module.name, awsError, request.requestId);
  }
}

function injectedServerError(service: ServiceName, status: 500 | 503, requestId: string): EmuResponse {
  const err =
    status === 500
      ? new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500)
      : new AwsError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);
  return protocolError(service, err, requestId);
}

function safeOperationOf(module: ServiceModule, req: Unauthenticated): string {
  try {
    return module.operationOf(req);
  } catch {
    return "Unknown";
  }
}

/** Unsigned requests carry no credential scope; infer the service so the error has its protocol's shape. */
function guessService(headers: Record<string, string>, body: Buffer, query: URLSearchParams): string | undefined {
  if (headers["x-amz-target"]?.startsWith("AWSOrganizations")) return "organizations";
  const params = new URLSearchParams(body.toString("utf8"));
  const version = params.get("Version") ?? query.get("Version");
  if (version === "2010-05-08") return "iam";
  if (version === "2011-06-15") return "sts";
  if (headers["x-amz-target"] === undefined && !params.has("Action")) return "appconfig";
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
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

function send(res: ServerResponse, response: EmuResponse): void {
  const body = response.body ?? "";
  res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
