// The retry primitives on a fake clock: sendOnce (a non-idempotent call looks for its own
// effect before each resend, within the one budget) and pollUntil (no wait is unbounded).
import { afterEach, describe, expect, it, vi } from "vitest";
import { pollUntil } from "../src/aws/retry/deadline.js";
import { sendOnce } from "../src/aws/retry/send-once.js";
import { withRetries } from "../src/aws/retry/with-retries.js";

afterEach(() => vi.useRealTimers());

function awsError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

async function settle<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  const outcome = p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe("sendOnce", () => {
  it("returns the call's own committed effect instead of sending again", async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    let committed: string | undefined;
    const got = await settle(
      sendOnce({
        send: async () => {
          sent.push(sent.length + 1);
          committed = "app-1";
          throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        },
        find: async () => committed,
      }),
    );
    expect(got).toEqual({ value: "app-1" });
    expect(sent).toEqual([1]);
  });

  it("resends a transient failure with no effect, at most 5 sends in all", async () => {
    vi.useFakeTimers();
    let sends = 0;
    const error = awsError("ServiceUnavailable", "try later", 503);
    const got = await settle(
      sendOnce({
        send: async () => {
          sends++;
          throw error;
        },
        find: async () => undefined,
      }),
    );
    expect(got).toEqual({ error });
    expect(sends).toBe(5);
  });

  it("does not resend a failure that is not transient", async () => {
    vi.useFakeTimers();
    let sends = 0;
    const error = awsError("BadRequestException", "invalid content", 400);
    const got = await settle(
      sendOnce({
        send: async () => {
          sends++;
          throw error;
        },
        find: async () => undefined,
      }),
    );
    expect(got).toEqual({ error });
    expect(sends).toBe(1);
  });
});

describe("pollUntil", () => {
  it("gives up at the deadline, naming what it waited for, for how long, and the last state", async () => {
    vi.useFakeTimers();
    let checks = 0;
    const got = await settle(
      pollUntil({
        what: "deployment #4 of config/appconfig/deployment/eu-west-1/Shop/production/Settings",
        deadlineMs: 90_000,
        hint: "it keeps running in AppConfig: run apply again to follow it",
        check: async () => {
          checks++;
          return { done: false, state: "BAKING 100%" };
        },
      }),
    );
    expect(got).toMatchObject({
      error: {
        message:
          "gave up waiting for deployment #4 of config/appconfig/deployment/eu-west-1/Shop/production/Settings after 1 min 30s (deadline 1 min 30s): still BAKING 100%; it keeps running in AppConfig: run apply again to follow it",
      },
    });
    expect(checks).toBeGreaterThan(2);
  });

  it("returns the settled value", async () => {
    vi.useFakeTimers();
    let checks = 0;
    const got = await settle(
      pollUntil({
        what: "x",
        deadlineMs: 60_000,
        check: async () => (++checks < 3 ? { done: false, state: "IN_PROGRESS" } : { done: true, value: "123456789012" }),
      }),
    );
    expect(got).toEqual({ value: "123456789012" });
    expect(checks).toBe(3);
  });
});

describe("withRetries waiting for something named", () => {
  it("says what it waited for and for how long when the attempts run out", async () => {
    vi.useFakeTimers();
    const got = await settle(
      withRetries(
        async () => {
          throw new Error("AccessDenied: not assumable yet");
        },
        { attempts: 3, baseMs: 1000, maxMs: 1000, retryable: () => true, waitingFor: "the access role of account 333333333333 to become assumable" },
      ),
    );
    expect(got).toMatchObject({ error: { message: expect.stringMatching(/^gave up waiting for the access role of account 333333333333 to become assumable after \ds: AccessDenied: not assumable yet$/) } });
  });
});
