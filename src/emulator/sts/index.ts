// The STS service module (awsQuery protocol).
import { AwsError, type EmuRequest, type ServiceModule } from "../types.js";
import { el, parseQueryBody, queryError, queryResponse } from "../protocol/query.js";
import { assumeRole } from "./assume-role.js";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

function getCallerIdentity(req: EmuRequest): string {
  const p = req.principal;
  return el("UserId", p.userId) + el("Account", p.accountId) + el("Arn", p.arn);
}

type Operation = (req: EmuRequest, params: URLSearchParams, world: Parameters<ServiceModule["handle"]>[1]) => string;

// A Map, not an object: an Action such as "constructor" or "__proto__" must find nothing.
const OPERATIONS = new Map<string, Operation>([
  ["GetCallerIdentity", (req) => getCallerIdentity(req)],
  ["AssumeRole", assumeRole],
]);

export const stsService: ServiceModule = {
  name: "sts",
  handle(req, world) {
    const params = parseQueryBody(req.body, req.query);
    const action = params.get("Action") ?? "";
    try {
      const operation = OPERATIONS.get(action);
      if (!operation) throw new AwsError("InvalidAction", `Could not find operation ${action} for version 2011-06-15`, 400);
      return queryResponse(action, XMLNS, operation(req, params, world), req.requestId);
    } catch (err) {
      if (err instanceof AwsError) return queryError(err, XMLNS, req.requestId);
      throw err;
    }
  },
  operationOf: (req) => {
    const action = parseQueryBody(req.body, req.query).get("Action") ?? "";
    return OPERATIONS.has(action) ? action : "Unknown";
  },
  throttle: (req) => queryError(new AwsError("Throttling", "Rate exceeded", 400), XMLNS, req.requestId),
};
