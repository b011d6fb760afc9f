// AWS's rules for one Organizations policy's content, checked at validate so a policy AWS
// would refuse fails the PR instead of the apply. Sources (each limit's own citation is in
// src/policy/org/types.ts and grammar.ts, shared with the emulator):
// - size: AWS Organizations User Guide, "Quotas and service limits for AWS Organizations",
//   "Maximum size of a policy document" — SCP and RCP 5,120 characters, AI services opt-out
//   2,500, tag/backup/chatbot/declarative/Security Hub 10,000. Characters of the document as
//   sent: the API keeps white space and counts it ("If you save the policy using an SDK
//   operation or the AWS CLI, then the policy is saved exactly as you provided it").
// - grammar: "SCP syntax", "RCP syntax", "Tag policy syntax", "Backup policy syntax", "AI
//   services opt-out policy syntax" and "Management policy syntax and inheritance".
import { grammarProblems } from "../../policy/org/grammar.js";
import { aTypeLabel, LIMITS, type PolicyType } from "../../policy/org/types.js";
import type { Segment } from "../source.js";

export interface Finding {
  /** Where under the policy's content ([] for the content as a whole). */
  path: Segment[];
  message: string;
}

/** Findings for a policy's document (`doc`, parsed) as orgctl would send it (`text`). */
export function contentFindings(type: PolicyType, doc: unknown, text: string): Finding[] {
  const findings: Finding[] = [];
  const max = LIMITS[type].maxContent;
  if (text.length > max) {
    findings.push({ path: [], message: `is ${text.length.toLocaleString("en-US")} characters; AWS allows ${aTypeLabel(type)} at most ${max.toLocaleString("en-US")}` });
  }
  for (const problem of grammarProblems(type, doc)) findings.push({ path: problem.path, message: problem.message });
  return findings;
}
