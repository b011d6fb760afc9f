// Placeholder until the appconfig module is written; replaced by its owner.
import { AwsError, type ServiceModule } from "../types.js";

export const appconfigService: ServiceModule = {
  name: "appconfig",
  handle() {
    throw new AwsError("NotImplemented", "appconfig is not emulated yet", 501);
  },
  operationOf: () => "Unknown",
  throttle: () => ({ status: 429, body: "" }),
};
