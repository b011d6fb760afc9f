// When orgctl cannot even learn who it is, the message says what to fix: the endpoint,
// or where credentials come from — and never prints a key.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function plan(env: Record<string, string>): Promise<{ code: number; stderr: string; stdout: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/orgctl.mjs", "plan", "examples/4-multi-account-landing"], {
      env: { ...base, AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("before any account is read", () => {
  it("names an unreachable endpoint and the variable that set it", async () => {
    const secret = "emulator/secret/not-a-real-aws-key/00001";
    const r = await plan({ AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ACCESS_KEY_ID: "AKIAEMULATOR00000001", AWS_SECRET_ACCESS_KEY: secret });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: cannot reach AWS STS at http://127.0.0.1:1 (AWS_ENDPOINT_URL): ECONNREFUSED; is that endpoint (e.g. orgctl sandbox) running?\n");
    expect(r.stderr + r.stdout).not.toContain(secret);
  });

  it("says where credentials come from when there are none", async () => {
    const r = await plan({});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY/);
  });
});
