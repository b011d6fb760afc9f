// AppConfig operations → targets (Service Authorization Reference for AppConfig): each is
// authorized against the ARN of what it acts on, built from the route's path labels; a
// create is authorized against its parent, and top-level lists and creates against "*".
import { matchRoute } from "../../appconfig/routes.js";
import { regionState } from "../../appconfig/state.js";
import { idsOfIdentifiers, idsOfToken } from "../../appconfig/data/identifiers.js";
import type { EmuRequest, World } from "../../types.js";
import type { TargetOf } from "../target.js";

const APP = "application/{ApplicationId}";
const ENV = `${APP}/environment/{EnvironmentId}`;
const PROFILE = `${APP}/configurationprofile/{ConfigurationProfileId}`;
const VERSION = `${PROFILE}/hostedconfigurationversion/{VersionNumber}`;
const STRATEGY = "deploymentstrategy/{DeploymentStrategyId}";
const DEPLOYMENT = `${ENV}/deployment/{DeploymentNumber}`;
const CONFIGURATION = `${ENV}/configuration/{ConfigurationProfileId}`;

/** Resource templates per operation; "*" for operations without a resource type. */
const TEMPLATES: Record<string, string[]> = {
  CreateApplication: ["*"],
  ListApplications: ["*"],
  GetApplication: [APP],
  UpdateApplication: [APP],
  DeleteApplication: [APP],
  CreateEnvironment: [APP],
  ListEnvironments: [APP],
  GetEnvironment: [ENV],
  UpdateEnvironment: [ENV],
  DeleteEnvironment: [ENV],
  CreateConfigurationProfile: [APP],
  ListConfigurationProfiles: [APP],
  GetConfigurationProfile: [PROFILE],
  UpdateConfigurationProfile: [PROFILE],
  DeleteConfigurationProfile: [PROFILE],
  CreateHostedConfigurationVersion: [PROFILE],
  ListHostedConfigurationVersions: [PROFILE],
  GetHostedConfigurationVersion: [VERSION],
  DeleteHostedConfigurationVersion: [VERSION],
  CreateDeploymentStrategy: ["*"],
  ListDeploymentStrategies: ["*"],
  GetDeploymentStrategy: [STRATEGY],
  UpdateDeploymentStrategy: [STRATEGY],
  DeleteDeploymentStrategy: [STRATEGY],
  // A deployment touches the environment, the profile and the strategy it names.
  StartDeployment: [ENV, PROFILE, STRATEGY],
  ListDeployments: [ENV],
  GetDeployment: [DEPLOYMENT],
  StopDeployment: [DEPLOYMENT],
  // AppConfigData: the configuration (application, environment, profile), by id.
  StartConfigurationSession: [CONFIGURATION],
  GetLatestConfiguration: [CONFIGURATION],
  ListTagsForResource: ["{ResourceArn}"],
  TagResource: ["{ResourceArn}"],
  UntagResource: ["{ResourceArn}"],
};

function fill(template: string, labels: Record<string, string>, req: EmuRequest): string {
  if (template === "*") return "*";
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => labels[name] ?? "*");
  return filled.startsWith("arn:") ? filled : `arn:aws:appconfig:${req.region}:${req.principal.accountId}:${filled}`;
}

/**
 * StartDeployment names its profile and strategy in the body, not the path; AppConfigData
 * names the configuration by id or name in the body, or by its session's token.
 */
function labelsOf(req: EmuRequest, world: World, pathLabels: Record<string, string>): Record<string, string> {
  const labels = { ...pathLabels };
  if (req.method === "GET" && req.path === "/configuration") {
    return { ...labels, ...idsOfToken(regionState(world, req.principal.accountId, req.region), req.query.get("configuration_token")) };
  }
  if (req.method === "POST" && req.body.length > 0) {
    try {
      const body: unknown = JSON.parse(req.body.toString("utf8"));
      if (typeof body === "object" && body !== null) {
        if (req.path === "/configurationsessions") {
          return { ...labels, ...idsOfIdentifiers(regionState(world, req.principal.accountId, req.region), body as Record<string, unknown>) };
        }
        for (const key of ["ConfigurationProfileId", "DeploymentStrategyId"]) {
          const value: unknown = (body as Record<string, unknown>)[key];
          if (typeof value === "string" && labels[key] === undefined) labels[key] = value;
        }
      }
    } catch {
      // The handler reports a malformed body.
    }
  }
  return labels;
}

export const APPCONFIG_TARGETS: Record<string, TargetOf> = Object.fromEntries(
  Object.entries(TEMPLATES).map(([operation, templates]): [string, TargetOf] => [
    operation,
    (req, world) => {
      const labels = labelsOf(req, world, matchRoute(req.method, req.path)?.params ?? {});
      return { resources: templates.map((t) => fill(t, labels, req)) };
    },
  ]),
);
