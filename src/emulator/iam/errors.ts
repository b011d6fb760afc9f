// The IAM errors this module raises, with AWS's codes, statuses and (where known) messages.
import { AwsError } from "../types.js";

export const noSuchRole = (name: string) => new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
export const noSuchRolePolicy = (name: string) =>
  new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
export const noSuchPolicy = (arn: string) => new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
export const notAttachable = (arn: string) =>
  new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
export const entityExists = (message: string) => new AwsError("EntityAlreadyExists", message, 409);
export const limitExceeded = (message: string) => new AwsError("LimitExceeded", message, 409);
export const deleteConflict = (message: string) => new AwsError("DeleteConflict", message, 409);
export const malformed = (message: string) => new AwsError("MalformedPolicyDocument", message, 400);
export const invalidInput = (message: string) => new AwsError("InvalidInput", message, 400);
export const unmodifiable = (roleName: string) =>
  new AwsError(
    "UnmodifiableEntity",
    `Cannot perform the operation on the protected role '${roleName}' - this role is only modifiable by AWS`,
    400,
  );
