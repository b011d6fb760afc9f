// The awsQuery protocol (IAM, STS): form-encoded requests, XML responses.
import { AwsError, type EmuResponse } from "../types.js";

export function parseQueryBody(body: Buffer, query: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(body.toString("utf8"));
  for (const [k, v] of query) if (!params.has(k)) params.set(k, v);
  return params;
}

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Builds <Name>value</Name>; undefined values are omitted, as AWS omits absent members. */
export function el(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return "";
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** Wraps already-serialised child XML. */
export function wrap(name: string, innerXml: string): string {
  return `<${name}>${innerXml}</${name}>`;
}

/** A list in AWS query style: <Name><member>…</member>…</Name>. */
export function members<T>(name: string, items: T[], render: (item: T) => string): string {
  return `<${name}>${items.map((i) => `<member>${render(i)}</member>`).join("")}</${name}>`;
}

export function queryResponse(action: string, xmlns: string, resultXml: string | null, requestId: string): EmuResponse {
  const result = resultXml === null ? "" : `<${action}Result>${resultXml}</${action}Result>`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${xmlns}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

export function queryError(err: AwsError, xmlns: string, requestId: string): EmuResponse {
  const type = err.status >= 500 ? "Receiver" : "Sender";
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type>` +
    `<Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: err.status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

/** Reads a required parameter or fails like AWS does. */
export function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === "") throw new AwsError("ValidationError", `1 validation error detected: Value null at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`, 400);
  return v;
}

/** Reads Name.member.N list parameters in order. */
export function memberList(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`)!);
  return out;
}
