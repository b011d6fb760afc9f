// Access keys of IAM users: CreateAccessKey, ListAccessKeys, DeleteAccessKey. A created key
// signs requests as its user at once; a deleted one is refused (InvalidClientTokenId).
import { el, members, required } from "../../protocol/query.js";
import { AwsError } from "../../types.js";
import { compareKeys, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { limitExceeded } from "../errors.js";
import { paginate } from "../pagination.js";
import { isoDate } from "../xml.js";
import { userOrCaller } from "./lookup.js";
import { registerAccessKey } from "./records.js";
import { accessKeyMetadataXml } from "./xml.js";

/** Access keys per user (IAM quota, not adjustable). */
const ACCESS_KEYS_QUOTA = 2;
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export const createAccessKey: IamHandler = (call) => {
  const user = userOrCaller(call);
  if (user.accessKeys.length >= ACCESS_KEYS_QUOTA) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_QUOTA}`);
  const key = { accessKeyId: call.world.newId("AKIA", 16), secretAccessKey: call.world.newId("", 40, SECRET_ALPHABET) };
  registerAccessKey(call.world, call.accountId, user, key);
  const meta = user.accessKeys.at(-1)!;
  return `<AccessKey>${
    el("UserName", user.userName) + el("AccessKeyId", key.accessKeyId) + el("Status", meta.status) + el("SecretAccessKey", key.secretAccessKey) + el("CreateDate", isoDate(meta.createDate))
  }</AccessKey>`;
};

export const listAccessKeys: IamHandler = (call) => {
  const user = userOrCaller(call);
  const keys = [...user.accessKeys].sort((a, b) => compareKeys(a.accessKeyId, b.accessKeyId));
  const page = paginate(keys, (k) => k.accessKeyId, call.params);
  return members("AccessKeyMetadata", page.items, (k) => accessKeyMetadataXml(user.userName, k)) + page.xml;
};

export const deleteAccessKey: IamHandler = (call) => {
  const accessKeyId = required(call.params, "AccessKeyId");
  new Constraints().length("accessKeyId", accessKeyId, 16, 128).check();
  const user = userOrCaller(call);
  if (!user.accessKeys.some((k) => k.accessKeyId === accessKeyId)) throw new AwsError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`, 404);
  user.accessKeys = user.accessKeys.filter((k) => k.accessKeyId !== accessKeyId);
  call.world.credentials.delete(accessKeyId);
  return null;
};
