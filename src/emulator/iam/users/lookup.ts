// How user operations find their user: by UserName, or (where the model makes UserName
// optional: GetUser, CreateAccessKey, ListAccessKeys, DeleteAccessKey) the calling user.
import { AwsError } from "../../types.js";
import { required } from "../../protocol/query.js";
import type { IamCall } from "../call.js";
import { Constraints } from "../constraints.js";
import type { UserRecord } from "../state.js";

export const noSuchUser = (name: string) => new AwsError("NoSuchEntity", `The user with name ${name} cannot be found.`, 404);

/** userNameType (1–64) for operations that create or attach; existingUserNameType (1–128) elsewhere. */
export function requireUser(call: IamCall, userName: string, max: 64 | 128 = 128): UserRecord {
  new Constraints().name("userName", userName, max).check();
  const user = call.state.users.get(userName.toLowerCase());
  if (!user) throw noSuchUser(userName);
  return user;
}

export function requiredUser(call: IamCall, max: 64 | 128 = 128): UserRecord {
  return requireUser(call, required(call.params, "UserName"), max);
}

/** UserName, or the caller when it is an IAM user of this account. */
export function userOrCaller(call: IamCall): UserRecord {
  const name = call.params.get("UserName");
  if (name) return requireUser(call, name);
  const caller = call.principal;
  if (caller.type === "user") {
    const own = [...call.state.users.values()].find((u) => u.userId === caller.userId);
    if (own) return own;
  }
  throw new AwsError("ValidationError", "Must specify userName when calling with non-User credentials", 400);
}
