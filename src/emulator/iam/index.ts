// Placeholder until the iam module is written; replaced by its owner.
import { AwsError, type ServiceModule } from "../types.js";

export const iamService: ServiceModule = {
  name: "iam",
  handle() {
    throw new AwsError("NotImplemented", "iam is not emulated yet", 501);
  },
  operationOf: () => "Unknown",
  throttle: () => ({ status: 400, body: "" }),
};
