// AWS managed policies whose ARN has a path: a bare name in YAML must expand to the right ARN.
// Names not listed here live directly under arn:aws:iam::aws:policy/.
const PATHS: Record<string, string> = {
  AWSAppRunnerServicePolicyForECRAccess: "service-role/",
  AWSCodeDeployRole: "service-role/",
  AWSLambdaBasicExecutionRole: "service-role/",
  AWSLambdaVPCAccessExecutionRole: "service-role/",
  AWSLambdaRole: "service-role/",
  AmazonECSTaskExecutionRolePolicy: "service-role/",
  AmazonEC2ContainerServiceforEC2Role: "service-role/",
  AmazonEC2ContainerServiceRole: "service-role/",
  AWS_ConfigRole: "service-role/",
  AWSGlueServiceRole: "service-role/",
  AmazonSSMAutomationRole: "service-role/",
  AWSBackupServiceRolePolicyForBackup: "service-role/",
  ViewOnlyAccess: "job-function/",
  Billing: "job-function/",
  DatabaseAdministrator: "job-function/",
  DataScientist: "job-function/",
  NetworkAdministrator: "job-function/",
  SystemAdministrator: "job-function/",
  SupportUser: "job-function/",
};

/** Full ARN for a managed policy given as an ARN, a bare AWS managed policy name or "path/name". */
export function managedPolicyArn(nameOrArn: string): string {
  if (nameOrArn.startsWith("arn:")) return nameOrArn;
  return `arn:aws:iam::aws:policy/${PATHS[nameOrArn] ?? ""}${nameOrArn}`;
}
