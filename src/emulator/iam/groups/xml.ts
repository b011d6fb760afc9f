// XML shape of IAM's Group (members and order from botocore iam 2010-05-08: Group).
import { el } from "../../protocol/query.js";
import type { GroupRecord } from "../state.js";
import { isoDate } from "../xml.js";

export function groupXml(group: GroupRecord): string {
  return (
    el("Path", group.path) +
    el("GroupName", group.groupName) +
    el("GroupId", group.groupId) +
    el("Arn", group.arn) +
    el("CreateDate", isoDate(group.createDate))
  );
}
