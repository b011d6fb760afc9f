// A call that is not idempotent (a create without a client token, StartDeployment,
// CreateAccount) may be committed by AWS and its answer lost; sending it again blindly
// would do it twice. It is sent on a client without SDK retries, and after any failure its
// own earlier effect is looked for first: found, that is the answer; not found, it is sent
// again only for a transient failure, within the one budget of CALL_ATTEMPTS (./budget.ts).
import { backoffMs, CALL_ATTEMPTS, sleep } from "./budget.js";
import { errorName, isTransient } from "./transient.js";

export interface SendOnceOptions<T> {
  send: () => Promise<T>;
  /** The call's own committed effect (e.g. the resource carrying this attempt's marker), if any. */
  find: () => Promise<T | undefined>;
  /** Told before a resend: the failure's error name, and the attempt that failed. */
  onResend?: (failure: string, attempt: number) => void;
}

export async function sendOnce<T>(opts: SendOnceOptions<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await opts.send();
    } catch (err) {
      // Whatever the failure (a lost answer, or a resend refused because the first one
      // took effect), the effect may be there.
      const found = await opts.find();
      if (found !== undefined) return found;
      if (attempt >= CALL_ATTEMPTS || !isTransient(err)) throw err;
      opts.onResend?.(errorName(err), attempt);
      await sleep(backoffMs(attempt));
    }
  }
}
