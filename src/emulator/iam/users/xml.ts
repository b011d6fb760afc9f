// XML shapes of IAM's user responses (members and order from botocore iam 2010-05-08:
// User, AccessKey, AccessKeyMetadata).
import { el } from "../../protocol/query.js";
import type { AccessKeyMeta, UserRecord } from "../state.js";
import { isoDate, tagsXml } from "../xml.js";

export function userXml(user: UserRecord, withTags: boolean): string {
  return (
    el("Path", user.path) +
    el("UserName", user.userName) +
    el("UserId", user.userId) +
    el("Arn", user.arn) +
    el("CreateDate", isoDate(user.createDate)) +
    (withTags && user.tags.length > 0 ? tagsXml(user.tags) : "")
  );
}

export function accessKeyMetadataXml(userName: string, key: AccessKeyMeta): string {
  return el("UserName", userName) + el("AccessKeyId", key.accessKeyId) + el("Status", key.status) + el("CreateDate", isoDate(key.createDate));
}
