// The authorizer lets through any operation its tables do not name (so that unknown
// operations get the service's own InvalidAction). Each IAM operation the emulator serves
// must therefore be in the table, or it would run with no permission check at all: the
// user and instance-profile operations once did.
import { describe, expect, it } from "vitest";
import { IAM_TARGETS } from "../src/emulator/authz/resources/iam.js";
import { IAM_OPERATION_NAMES } from "../src/emulator/iam/index.js";
import { ORGANIZATIONS_TARGETS } from "../src/emulator/authz/resources/organizations.js";
import { ORGANIZATIONS_OPERATION_NAMES } from "../src/emulator/organizations/index.js";

describe("emulator authorization coverage", () => {
  it("every IAM operation has a resource to be authorized against", () => {
    expect(IAM_OPERATION_NAMES().filter((op) => !Object.hasOwn(IAM_TARGETS, op))).toEqual([]);
  });

  it("every Organizations operation (policies, delegated administrators, trusted access included) has a target", () => {
    expect(ORGANIZATIONS_OPERATION_NAMES().filter((op) => !Object.hasOwn(ORGANIZATIONS_TARGETS, op))).toEqual([]);
    expect(ORGANIZATIONS_OPERATION_NAMES()).toContain("AttachPolicy");
  });
});
