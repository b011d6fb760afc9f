// The emulator's AppConfig service (restJson1): applications, environments, configuration
// profiles with validators, hosted configuration versions, deployment strategies,
// deployments progressing on the world clock, and tags. State is per account and region.
import { AwsError, type EmuRequest, type EmuResponse, type ServiceModule } from "../types.js";
import { matchRoute } from "./routes.js";
import { errorResponse } from "./rest-json.js";
import { regionState } from "./state.js";
import { dumpAppConfig, seedAppConfig } from "./snapshot.js";

function unknownOperation(req: Omit<EmuRequest, "principal">): AwsError {
  return new AwsError("UnknownOperationException", `No AppConfig operation matches ${req.method} ${req.path}`, 404);
}

export const appconfigService: ServiceModule = {
  name: "appconfig",
  handle(req, world): EmuResponse {
    try {
      const route = matchRoute(req.method, req.path);
      if (!route) throw unknownOperation(req);
      const state = regionState(world, req.principal.accountId, req.region);
      return route.handler({ req, world, state, params: route.params });
    } catch (err) {
      if (err instanceof AwsError) return errorResponse(err, req.requestId);
      throw err;
    }
  },
  operationOf: (req) => matchRoute(req.method, req.path)?.operation ?? "Unknown",
  // The SDK retries a 429 and classifies ThrottlingException as throttling.
  throttle: (req) => errorResponse(new AwsError("ThrottlingException", "Rate exceeded", 429), req.requestId),
  seed: seedAppConfig,
  dump: dumpAppConfig,
};
