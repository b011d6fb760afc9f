// One HTTP connection pool for every SDK client of a run. orgctl builds a client per
// (account, service, region); with the SDK's default each of those opened its own
// keep-alive agent, so every account cost a new TCP (and, against AWS, TLS) connection,
// a socket and an agent, thrown away when the account was done: at thousands of accounts
// that was a large share of the run's CPU time and of its garbage. The endpoints are the
// same for every account (credentials are per request, in the signature), so the
// connections can be shared.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/**
 * Connections kept per host: above what a run has in flight (account and change
 * concurrency, the Organizations pool, the STS calls), so requests never queue for a socket.
 */
const MAX_SOCKETS = 256;

/** A handler clients share: a client's destroy() leaves it open; the run closes it once, at its end. */
export class SharedHttpHandler extends NodeHttpHandler {
  constructor() {
    super({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    });
  }

  /** Called by each client's destroy(): the pool outlives the client. */
  override destroy(): void {}

  /** Closes the pool's connections (the run is over). */
  close(): void {
    super.destroy();
  }
}
