// Signed requests sent with fetch, so tests can see exactly what the emulator puts on the
// wire (status, headers, body) where the SDK's lenient parsing would hide a difference.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "../../src/emulator/auth.js";
import type { EmulatorHandle } from "./emulator.js";

export interface RawRequest {
  service: "iam" | "sts" | "organizations" | "appconfig";
  region?: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function rawAws(emu: EmulatorHandle, r: RawRequest): Promise<RawResponse> {
  const url = new URL(emu.url);
  const path = r.path ?? "/";
  const signer = new SignatureV4({
    credentials: { accessKeyId: emu.credentials.accessKeyId, secretAccessKey: emu.credentials.secretAccessKey },
    region: r.region ?? "us-east-1",
    service: r.service,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: r.method ?? "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query: r.query ?? {},
    headers: { host: url.host, ...r.headers },
    body: r.body,
  });
  const target = new URL(path, url);
  for (const [k, v] of Object.entries(r.query ?? {})) target.searchParams.set(k, v);
  const { host: _host, ...headers } = signed.headers;
  const res = await fetch(target, { method: signed.method, headers, body: r.body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** An awsQuery call (IAM, STS): form-encoded parameters. */
export function rawQuery(emu: EmulatorHandle, service: "iam" | "sts", params: Record<string, string>): Promise<RawResponse> {
  const version = service === "iam" ? "2010-05-08" : "2011-06-15";
  return rawAws(emu, {
    service,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams({ Version: version, ...params }).toString(),
  });
}

/** An Organizations (awsJson1_1) call. */
export function rawOrganizations(emu: EmulatorHandle, operation: string, input: object): Promise<RawResponse> {
  return rawAws(emu, {
    service: "organizations",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSOrganizationsV20161128.${operation}` },
    body: JSON.stringify(input),
  });
}
