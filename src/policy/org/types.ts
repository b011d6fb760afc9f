// The Organizations policy types and AWS's documented limits per type, shared by the
// emulator (which enforces them as AWS does) and orgctl's validation (which refuses them
// before a PR merges). Sources:
// - types: botocore organizations 2016-11-28 service-2.json, shape PolicyType;
// - maximum size and policies per organization: AWS Organizations User Guide, "Quotas and
//   service limits for AWS Organizations" (orgs_reference_limits), "Maximum size of a policy
//   document" and "Number of policies of each type in an organization";
// - attachments per target: AWS Organizations User Guide, "Managing organization policies"
//   (orgs_manage_policies), column "Maximum number you can attach to a root, OU, or account".
//   Types that page does not list (the newer management policies) take the 10 AWS gives every
//   management policy type it does list.

export const POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "SECURITYHUB_POLICY",
  "INSPECTOR_POLICY",
  "UPGRADE_ROLLOUT_POLICY",
  "BEDROCK_POLICY",
  "S3_POLICY",
  "NETWORK_SECURITY_DIRECTOR_POLICY",
] as const;

export type PolicyType = (typeof POLICY_TYPES)[number];

export function isPolicyType(value: string): value is PolicyType {
  return (POLICY_TYPES as readonly string[]).includes(value);
}

/** The authorization policy types: they filter permissions, and a target must keep at least one. */
export const GUARDRAIL_TYPES = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const;
export type GuardrailType = (typeof GUARDRAIL_TYPES)[number];

export function isGuardrailType(type: string): type is GuardrailType {
  return (GUARDRAIL_TYPES as readonly string[]).includes(type);
}

interface TypeLimits {
  /** Characters of content (whitespace counts when saved through the API). */
  maxContent: number;
  /** Policies of this type attached directly to one root, OU or account. */
  maxPerTarget: number;
  /** Policies of this type in the organization. */
  maxInOrganization: number;
}

const MANAGEMENT_DEFAULT: TypeLimits = { maxContent: 10_000, maxPerTarget: 10, maxInOrganization: 1000 };

export const LIMITS: Record<PolicyType, TypeLimits> = {
  SERVICE_CONTROL_POLICY: { maxContent: 5120, maxPerTarget: 5, maxInOrganization: 10_000 },
  RESOURCE_CONTROL_POLICY: { maxContent: 5120, maxPerTarget: 5, maxInOrganization: 1000 },
  AISERVICES_OPT_OUT_POLICY: { maxContent: 2500, maxPerTarget: 5, maxInOrganization: 1000 },
  TAG_POLICY: MANAGEMENT_DEFAULT,
  BACKUP_POLICY: MANAGEMENT_DEFAULT,
  CHATBOT_POLICY: { maxContent: 10_000, maxPerTarget: 5, maxInOrganization: 1000 },
  DECLARATIVE_POLICY_EC2: MANAGEMENT_DEFAULT,
  SECURITYHUB_POLICY: MANAGEMENT_DEFAULT,
  INSPECTOR_POLICY: MANAGEMENT_DEFAULT,
  UPGRADE_ROLLOUT_POLICY: MANAGEMENT_DEFAULT,
  BEDROCK_POLICY: MANAGEMENT_DEFAULT,
  S3_POLICY: MANAGEMENT_DEFAULT,
  NETWORK_SECURITY_DIRECTOR_POLICY: MANAGEMENT_DEFAULT,
};

/** How a type reads in messages: "service control policy", "AI services opt-out policy", … */
export function typeLabel(type: PolicyType): string {
  return type.toLowerCase().replace(/_/g, " ").replace("aiservices opt out", "AI services opt-out").replace(" ec2", " (EC2)");
}

/** The label with its article: "a tag policy", "an AI services opt-out policy". */
export function aTypeLabel(type: PolicyType): string {
  const label = typeLabel(type);
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

/**
 * The AWS managed guardrails attached everywhere when their type is enabled (Organizations
 * User Guide, "Service control policies" and "Resource control policies": FullAWSAccess and
 * RCPFullAWSAccess). RCPFullAWSAccess cannot be detached.
 */
export const AWS_MANAGED = {
  SERVICE_CONTROL_POLICY: {
    id: "p-FullAWSAccess",
    name: "FullAWSAccess",
    description: "Allows access to every operation",
    content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, null, 2),
    detachable: true,
  },
  RESOURCE_CONTROL_POLICY: {
    id: "p-RCPFullAWSAccess",
    name: "RCPFullAWSAccess",
    description: "Allows access to every operation",
    content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }, null, 2),
    detachable: false,
  },
} as const satisfies Record<GuardrailType, { id: string; name: string; description: string; content: string; detachable: boolean }>;

/**
 * Service prefixes whose resources RCPs govern (Organizations User Guide, "Resource control
 * policies (RCPs)", "List of AWS services that support RCPs"); a call to any other service is
 * not filtered by RCPs.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set(["s3", "sts", "sqs", "secretsmanager", "kms", "cognito-identity", "logs", "dynamodb", "ecr", "aoss"]);

export function rcpApplies(action: string): boolean {
  return RCP_SERVICES.has(action.slice(0, action.indexOf(":")).toLowerCase());
}
