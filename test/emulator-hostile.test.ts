// The emulator as a server facing hostile clients (the sandbox listens for anyone on the
// machine): oversize, malformed, traversal and prototype-name requests each get the
// AWS-shaped 4xx of their protocol, no answer shows internal state, and memory stays
// bounded over 50,000 requests.
import { request as httpRequest, Agent } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { putRole } from "../src/emulator/iam/state.js";
import { clientFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import { rawAws, rawOrganizations, rawQuery } from "./helpers/raw-aws.js";

const MiB = 1024 * 1024;
const IAM_LIMIT = 1 * MiB;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Bytes of body the client had written when the answer came. */
  sent: number;
}

/**
 * Sends a request whose body is produced in 64 KiB chunks up to `bodyBytes`, declaring its
 * length or not (chunked), and stops writing as soon as the server answers.
 */
function streamRequest(emu: EmulatorHandle, opts: { method?: string; path?: string; headers: Record<string, string>; bodyBytes: number; declare: boolean }): Promise<Reply> {
  const url = new URL(emu.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers = { ...opts.headers, ...(opts.declare ? { "content-length": String(opts.bodyBytes) } : {}) };
    const req = httpRequest({ host: url.hostname, port: url.port, method: opts.method ?? "POST", path: opts.path ?? "/", headers }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sent }));
      res.on("error", reject);
    });
    // The server closes the connection after refusing; later writes may fail, which is expected.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < opts.bodyBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const queryErrorCode = (text: string) => /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>([^<]+)<\/Code><Message>([^<]*)<\/Message><\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/.exec(text)?.slice(1);

/** Nothing of the emulator's insides: no stack frames, source paths, JS function text or object dumps. */
function expectNoInternals(r: { text: string }): void {
  expect(r.text).not.toMatch(/ at |\.ts:|\.js:|function |native code|\[object |prototype|ServiceFailure:|emulator error/);
}

describe("hostile requests", () => {
  const emu = withEmulator();

  describe("oversize bodies are refused before authentication, without being read", () => {
    it("an unsigned 512 MB form POST declared by Content-Length: awsQuery 413 at once", async () => {
      const r = await streamRequest(emu(), { headers: { "content-type": "application/x-www-form-urlencoded" }, bodyBytes: 512 * MiB, declare: true });
      expect(r.status).toBe(413);
      expect(r.headers["content-type"]).toBe("text/xml");
      expect(queryErrorCode(r.text)).toEqual(["RequestEntityTooLarge", `Request body must be at most ${IAM_LIMIT} bytes.`]);
      expect(r.sent).toBeLessThan(64 * MiB);
    });

    it("a chunked body without a length is cut off as soon as it passes the limit", async () => {
      const r = await streamRequest(emu(), { headers: { "content-type": "application/x-www-form-urlencoded" }, bodyBytes: 512 * MiB, declare: false });
      expect(r.status).toBe(413);
      expect(queryErrorCode(r.text)?.[0]).toBe("RequestEntityTooLarge");
      expect(r.sent).toBeLessThan(64 * MiB);
    });

    it("Organizations answers in awsJson, AppConfig with PayloadTooLargeException in restJson", async () => {
      const orgs = await streamRequest(emu(), {
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSOrganizationsV20161128.ListAccounts" },
        bodyBytes: 3 * MiB,
        declare: true,
      });
      expect(orgs.status).toBe(413);
      expect(JSON.parse(orgs.text)).toEqual({ __type: "RequestEntityTooLargeException", message: `Request body must be at most ${2 * MiB} bytes.` });

      const appconfig = await streamRequest(emu(), {
        path: "/applications/abc1234/configurationprofiles/def5678/hostedconfigurationversions",
        headers: {
          "content-type": "application/json",
          authorization: `AWS4-HMAC-SHA256 Credential=${emu().credentials.accessKeyId}/20260101/eu-west-1/appconfig/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
        },
        bodyBytes: 3 * MiB,
        declare: false,
      });
      expect(appconfig.status).toBe(413);
      expect(appconfig.headers["x-amzn-errortype"]).toBe("PayloadTooLargeException");
      expect(JSON.parse(appconfig.text)).toMatchObject({ Message: "The configuration size is too large", Measure: "BYTES", Limit: 2 * MiB });
    });

    it("a body at the limit is still read and answered normally", async () => {
      const padding = "a".repeat(IAM_LIMIT - 200);
      const r = await rawQuery(emu(), "iam", { Action: "ListRoles", Padding: padding });
      expect(r.status).toBe(200);
    });
  });

  describe("operation names are looked up in the operation tables only, never on Object.prototype", () => {
    const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

    it.each(PROTOTYPE_NAMES)("IAM and STS Action=%s → InvalidAction 400", async (name) => {
      for (const [service, version] of [["iam", "2010-05-08"], ["sts", "2011-06-15"]] as const) {
        const r = await rawQuery(emu(), service, { Action: name });
        expect(r.status).toBe(400);
        expect(queryErrorCode(r.text)).toEqual(["InvalidAction", `Could not find operation ${name} for version ${version}`]);
        expectNoInternals(r);
      }
    });

    it.each(PROTOTYPE_NAMES)("Organizations X-Amz-Target …%s → UnknownOperationException 400", async (name) => {
      const r = await rawOrganizations(emu(), name, {});
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ __type: "UnknownOperationException" });
      expectNoInternals(r);
    });

    it.each(PROTOTYPE_NAMES)("AppConfig GET /%s → UnknownOperationException 404", async (name) => {
      const r = await rawAws(emu(), { service: "appconfig", method: "GET", path: `/${name}` });
      expect(r.status).toBe(404);
      expect(r.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expectNoInternals(r);
    });

    it("a JSON body naming __proto__ or constructor members is just unknown input", async () => {
      const r = await rawOrganizations(emu(), "DescribeOrganization", JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as object);
      // The default emulator has no organization yet: the ordinary answer, nothing else.
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ __type: "AWSOrganizationsNotInUseException" });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe("traversal and malformed requests", () => {
    it.each([
      "/applications/../../../etc/passwd",
      "/applications/..%2F..%2Fetc%2Fpasswd",
      "/%E0%A4%A",
    ])("signed AppConfig GET %s → UnknownOperationException 404", async (path) => {
      const r = await rawAws(emu(), { service: "appconfig", method: "GET", path });
      expect(r.status).toBe(404);
      expect(r.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expectNoInternals(r);
    });

    // Sent as is (fetch would normalise the dots and read "//x" as a host name).
    it.each(["/applications/..%2F..%2Fetc%2Fpasswd", "/applications/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/..\\..\\windows"])(
      "an unsigned GET %s → MissingAuthenticationTokenException 403",
      async (path) => {
        const r = await streamRequest(emu(), { method: "GET", path, headers: {}, bodyBytes: 0, declare: false });
        expect(r.status).toBe(403);
        expect(r.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
        expectNoInternals(r);
      },
    );

    it("a garbled Authorization header counts as unsigned; a malformed JSON body is SerializationException", async () => {
      const garbled = await fetch(`${emu().url}/`, {
        method: "POST",
        headers: { authorization: "AWS4-HMAC-SHA256 Credential=%%%", "content-type": "application/x-www-form-urlencoded" },
        body: "Action=ListRoles&Version=2010-05-08",
      });
      expect(garbled.status).toBe(403);
      expect(queryErrorCode(await garbled.text())?.[0]).toBe("MissingAuthenticationToken");
      const unsignedConstructor = await streamRequest(emu(), { method: "GET", path: "/?Action=constructor&Version=2010-05-08", headers: {}, bodyBytes: 0, declare: false });
      expect(unsignedConstructor.status).toBe(403);
      expect(queryErrorCode(unsignedConstructor.text)?.[0]).toBe("MissingAuthenticationToken");

      const badJson = await rawAws(emu(), {
        service: "organizations",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSOrganizationsV20161128.ListAccounts" },
        body: '{"MaxResults": ',
      });
      expect(badJson.status).toBe(400);
      expect(JSON.parse(badJson.text)).toMatchObject({ __type: "SerializationException" });
    });

    it("a signature for a service the emulator does not serve → SignatureDoesNotMatch 403", async () => {
      const r = await fetch(`${emu().url}/`, {
        method: "POST",
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${emu().credentials.accessKeyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
        },
      });
      expect(r.status).toBe(403);
      expect(queryErrorCode(await r.text())).toEqual(["SignatureDoesNotMatch", "Credential should be scoped to correct service. "]);
    });
  });
});

/** heapUsed after a full collection (gc exposed at run time, without a Node flag). */
function heapAfterGc(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function hammer(emu: EmulatorHandle, count: number, agent: Agent): Promise<void> {
  const url = new URL(emu.url);
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      // Every request names a different operation, so an unbounded per-operation count would grow too.
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: "POST", path: `/?n=${i}`, agent, headers: { "x-amz-target": `AWSOrganizationsV20161128.Op${i}`, "content-type": "application/x-amz-json-1.1" } },
        (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 403 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on("error", reject);
      req.end("{}");
    });
  const CONCURRENCY = 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

describe("memory stays bounded over 50,000 requests", () => {
  const emu = withEmulator({ callLogCapacity: 1_000 });

  it("the call log keeps its capacity, counts only known operations, and the heap does not grow with requests", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      await hammer(emu(), 10_000, agent);
      const before = heapAfterGc();
      await hammer(emu(), 40_000, agent);
      const after = heapAfterGc();

      expect(emu().world.calls.length).toBe(50_000);
      expect(emu().world.calls.retained).toBe(1_000);
      expect(emu().callCounts()).toEqual({ "organizations:Unknown": 50_000 });
      // 40,000 more requests must not cost memory in proportion: unbounded, the log alone would add several MB.
      expect(after - before).toBeLessThan(4 * MiB);
    } finally {
      agent.destroy();
    }
  }, 300_000);

  it("expired session credentials are evicted, and still answer ExpiredToken", async () => {
    const trust = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });
    const roleArn = putRole(emu().world, "222222222222", { roleName: "Short", assumeRolePolicyDocument: trust }).arn;
    const sts = clientFor(emu(), "sts", { maxAttempts: 1 });
    const first = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", DurationSeconds: 900 }))).Credentials!;
    for (let round = 0; round < 3; round++) {
      emu().world.clock.advance(901_000);
      await Promise.all(Array.from({ length: 1_000 }, () => sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", DurationSeconds: 900 }))));
    }
    // 3,001 sessions issued, each expired before the next thousand: at most one round's worth remains.
    expect(emu().world.credentials.sessionCount).toBeLessThanOrEqual(1_000);
    expect(emu().world.credentials.has(first.AccessKeyId!)).toBe(false);
    const old = clientFor(emu(), "sts", { maxAttempts: 1, credentials: { accessKeyId: first.AccessKeyId!, secretAccessKey: first.SecretAccessKey!, sessionToken: first.SessionToken! } });
    await expect(old.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" }))).rejects.toMatchObject({ name: "ExpiredToken", $metadata: { httpStatusCode: 403 } });
  }, 120_000);
});
