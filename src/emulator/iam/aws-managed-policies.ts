// A small catalogue of AWS managed policies (real names and paths; AdministratorAccess's real
// document, and for the long ones the statements that concern the emulated services).
// They exist in every account and cannot be changed.
import { createHash } from "node:crypto";

export interface AwsManagedPolicy {
  policyName: string;
  path: string;
  arn: string;
  policyId: string;
  description: string;
  defaultVersionId: string;
  document: string;
  /** Service-linked-role policies cannot be attached to customer roles. */
  attachable: boolean;
  createDate: Date;
  updateDate: Date;
}

const allow = (actions: string[] | string, resource = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] });

type Entry = [path: string, name: string, description: string, version: string, document: string, attachable?: boolean];

const ENTRIES: Entry[] = [
  ["/", "AdministratorAccess", "Provides full access to AWS services and resources.", "v1", allow("*")],
  ["/", "PowerUserAccess", "Provides full access to AWS services and resources, but does not allow management of Users and groups.", "v5",
    JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      { Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions"], Resource: "*" },
    ] })],
  // The real document's entries for the services the emulator serves (AppConfig and IAM
  // verbatim from the archived policy; see docs/emulator-sources.md).
  ["/", "ReadOnlyAccess", "Provides read-only access to AWS services and resources.", "v1", allow([
    "appconfig:GetApplication", "appconfig:GetConfiguration", "appconfig:GetConfigurationProfile", "appconfig:GetDeployment",
    "appconfig:GetDeploymentStrategy", "appconfig:GetEnvironment", "appconfig:GetHostedConfigurationVersion", "appconfig:ListApplications",
    "appconfig:ListConfigurationProfiles", "appconfig:ListDeployments", "appconfig:ListDeploymentStrategies", "appconfig:ListEnvironments",
    "appconfig:ListHostedConfigurationVersions", "appconfig:ListTagsForResource",
    "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*",
    "organizations:Describe*", "organizations:List*",
  ])],
  ["/job-function/", "ViewOnlyAccess", "This policy grants permissions to view resources and basic metadata across all AWS services.", "v1", allow(["*:List*", "*:Describe*"])],
  ["/job-function/", "Billing", "Grants permissions for billing and cost management.", "v1", allow(["aws-portal:*", "budgets:*", "ce:*", "cur:*"])],
  ["/job-function/", "SystemAdministrator", "Grants full access permissions necessary for resources required for application and development operations.", "v1", allow(["ec2:*", "cloudwatch:*", "logs:*", "ssm:*"])],
  ["/", "IAMFullAccess", "Provides full access to IAM via the AWS Management Console.", "v2", allow(["iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:ListAccounts"])],
  ["/", "IAMReadOnlyAccess", "Provides read only access to IAM via the AWS Management Console.", "v4", allow(["iam:GenerateCredentialReport", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy", "iam:SimulatePrincipalPolicy"])],
  // Its real v3 document (AWS Managed Policy Reference, "IAMUserChangePassword").
  ["/", "IAMUserChangePassword", "Provides the ability for an IAM user to change their own password.", "v3",
    JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: ["iam:ChangePassword"], Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"] },
      { Effect: "Allow", Action: ["iam:GetAccountPasswordPolicy"], Resource: "*" },
    ] })],
  ["/", "AWSCodeDeployDeployerAccess", "Provides access to register and deploy a revision.", "v2", allow(["codedeploy:Batch*", "codedeploy:CreateDeployment", "codedeploy:Get*", "codedeploy:List*", "codedeploy:RegisterApplicationRevision"])],
  ["/", "AWSCodeDeployFullAccess", "Provides full access to CodeDeploy resources.", "v1", allow(["codedeploy:*"])],
  ["/", "AWSCodeDeployReadOnlyAccess", "Provides read only access to CodeDeploy resources.", "v1", allow(["codedeploy:Batch*", "codedeploy:Get*", "codedeploy:List*"])],
  ["/service-role/", "AWSCodeDeployRole", "Provides CodeDeploy service access to expand tags and interact with Auto Scaling on your behalf.", "v1", allow(["autoscaling:*", "ec2:Describe*", "tag:GetResources"])],
  ["/", "AmazonS3ReadOnlyAccess", "Provides read only access to all buckets via the AWS Management Console.", "v3", allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"])],
  ["/", "AmazonS3FullAccess", "Provides full access to all buckets via the AWS Management Console.", "v2", allow(["s3:*", "s3-object-lambda:*"])],
  ["/", "AWSOrganizationsFullAccess", "Provides full access to AWS Organizations.", "v6", allow(["organizations:*", "account:*"])],
  ["/", "AWSOrganizationsReadOnlyAccess", "Provides read-only access to AWS Organizations.", "v7", allow(["organizations:Describe*", "organizations:List*", "account:GetAlternateContact", "account:ListRegions"])],
  ["/", "AWSSupportAccess", "Allow users to access the AWS Support Center.", "v1", allow(["support:*"])],
  ["/", "SecurityAudit", "The security audit template grants access to read security configuration metadata.", "v1", allow(["*:Describe*", "*:Get*", "*:List*"])],
  ["/", "AmazonEC2ContainerRegistryReadOnly", "Provides read-only access to Amazon EC2 Container Registry repositories.", "v3", allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage"])],
  ["/service-role/", "AWSAppRunnerServicePolicyForECRAccess", "This policy grants AWS App Runner permissions to read Amazon ECR images in your account.", "v1", allow(["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability"])],
  ["/service-role/", "AWSLambdaBasicExecutionRole", "Provides write permissions to CloudWatch Logs.", "v1", allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])],
  ["/aws-service-role/", "AWSAppConfigServiceRolePolicy", "Allows AWS AppConfig to call AWS services on your behalf.", "v1", allow(["cloudwatch:PutMetricData"]), false],
];

// Fixed dates: AWS managed policies pre-date any emulated account.
const CREATED = new Date("2015-02-06T18:39:46Z");
const UPDATED = new Date("2023-06-01T00:00:00Z");

/** A stable, AWS-shaped id (ANPA + 17) derived from the name, identical in every world. */
function stableId(arn: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = createHash("sha256").update(arn).digest();
  let id = "ANPA";
  for (let i = 0; i < 17; i++) id += alphabet[bytes[i]! % alphabet.length];
  return id;
}

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, AwsManagedPolicy> = new Map(
  ENTRIES.map(([path, policyName, description, defaultVersionId, document, attachable = true]) => {
    const arn = `arn:aws:iam::aws:policy${path}${policyName}`;
    const policy: AwsManagedPolicy = {
      policyName, path, arn, policyId: stableId(arn), description, defaultVersionId, document, attachable,
      createDate: CREATED, updateDate: UPDATED,
    };
    return [arn, policy];
  }),
);

export const isAwsManagedArn = (arn: string) => arn.startsWith("arn:aws:iam::aws:policy/");
