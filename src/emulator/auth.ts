// SigV4: parses the Authorization header and verifies its signature by re-signing the
// received request with the stored secret, using the same signer the SDK uses.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { CredentialRecord } from "./types.js";

export interface SigV4Authorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  const m = header ? AUTH_PATTERN.exec(header) : null;
  if (!m) return undefined;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(";"),
    signature: m[6]!,
  };
}

export interface ReceivedRequest {
  method: string;
  /** The path exactly as received (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** node:crypto behind the hash interface the signer expects (HMAC when given a key). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Buffer {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export class Sha256 {
  private hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
  reset(): void {
    throw new Error("not supported");
  }
}

const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

function signingDateOf(amzDate: string | undefined): Date | undefined {
  const m = amzDate && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export async function verifySignature(req: ReceivedRequest, auth: SigV4Authorization, record: CredentialRecord): Promise<boolean> {
  const signingDate = signingDateOf(req.headers["x-amz-date"]);
  if (!signingDate || !auth.signedHeaders.includes("host")) return false;

  const declaredHash = req.headers["x-amz-content-sha256"];
  if (declaredHash && declaredHash !== UNSIGNED_PAYLOAD && declaredHash !== createHash("sha256").update(req.body).digest("hex")) return false;

  // Only the headers the client signed take part, so proxies or clients adding unsigned headers don't matter.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return false;
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(req.query.keys())) {
    const values = req.query.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey, sessionToken: record.sessionToken },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: "http:", hostname: "", path: req.rawPath, query, headers, body: req.body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers["authorization"]))?.[1];
  return expected !== undefined && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
}
