// The checks AWS makes on a policy's content at CreatePolicy/UpdatePolicy: its size against
// the type's quota (ConstraintViolationException POLICY_CONTENT_LIMIT_EXCEEDED) and its
// grammar (MalformedPolicyDocumentException), with the same rules orgctl validates against.
import { contentProblems, problemText } from "../../../policy/org/grammar.js";
import { LIMITS, type PolicyType } from "../../../policy/org/types.js";
import { AwsError } from "../../types.js";
import { checkString } from "../input.js";

export function checkContent(type: PolicyType, content: string): string {
  checkString("Content", content, { min: 1 });
  const max = LIMITS[type].maxContent;
  if (content.length > max) {
    throw new AwsError("ConstraintViolationException", "You attempted to create a policy that is larger than the maximum size.", 400, { Reason: "POLICY_CONTENT_LIMIT_EXCEEDED" });
  }
  const problems = contentProblems(type, content);
  if (problems.length > 0) {
    throw new AwsError("MalformedPolicyDocumentException", `The provided policy document doesn't meet the requirements of the specified policy type: ${problemText(problems[0]!)}.`);
  }
  return content;
}
