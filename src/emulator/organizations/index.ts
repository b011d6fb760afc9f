// Placeholder until the organizations module is written; replaced by its owner.
import { AwsError, type ServiceModule } from "../types.js";

export const organizationsService: ServiceModule = {
  name: "organizations",
  handle() {
    throw new AwsError("NotImplemented", "organizations is not emulated yet", 501);
  },
  operationOf: () => "Unknown",
  throttle: () => ({ status: 429, body: "" }),
};
