// Placeholder: the STS module is being written.
import { AwsError, type ServiceModule } from "../types.js";

export const stsService: ServiceModule = {
  name: "sts",
  handle() {
    throw new AwsError("NotImplemented", "sts is not emulated yet", 501);
  },
  operationOf: () => "Unknown",
  throttle: () => ({ status: 400, body: "" }),
};
