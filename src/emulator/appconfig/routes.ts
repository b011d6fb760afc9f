// restJson1 routing: each operation's HTTP method and URI template, as in AppConfig's
// service model (botocore appconfig 2019-10-09), mapped to its handler. AppConfigData
// (botocore appconfigdata 2021-11-11) signs as "appconfig" too, so its two operations are
// routed here by their own paths.
import type { Handler } from "./context.js";
import * as applications from "./applications.js";
import * as environments from "./environments.js";
import * as profiles from "./profiles.js";
import * as versions from "./hosted-versions.js";
import * as strategies from "./strategies.js";
import * as deployments from "./deployments.js";
import * as tags from "./tags.js";
import * as data from "./data/sessions.js";

interface Route {
  method: string;
  /** "{Label}" matches one segment; "{Label+}" matches the rest of the path. */
  template: string[];
  operation: string;
  handler: Handler;
}

const APP = "/applications/{ApplicationId}";
const ENV = `${APP}/environments/{EnvironmentId}`;
const PROFILE = `${APP}/configurationprofiles/{ConfigurationProfileId}`;

const table: [string, string, string, Handler][] = [
  ["POST", "/applications", "CreateApplication", applications.createApplication],
  ["GET", "/applications", "ListApplications", applications.listApplications],
  ["GET", APP, "GetApplication", applications.getApplication],
  ["PATCH", APP, "UpdateApplication", applications.updateApplication],
  ["DELETE", APP, "DeleteApplication", applications.deleteApplication],
  ["POST", `${APP}/environments`, "CreateEnvironment", environments.createEnvironment],
  ["GET", `${APP}/environments`, "ListEnvironments", environments.listEnvironments],
  ["GET", ENV, "GetEnvironment", environments.getEnvironment],
  ["PATCH", ENV, "UpdateEnvironment", environments.updateEnvironment],
  ["DELETE", ENV, "DeleteEnvironment", environments.deleteEnvironment],
  ["POST", `${APP}/configurationprofiles`, "CreateConfigurationProfile", profiles.createConfigurationProfile],
  ["GET", `${APP}/configurationprofiles`, "ListConfigurationProfiles", profiles.listConfigurationProfiles],
  ["GET", PROFILE, "GetConfigurationProfile", profiles.getConfigurationProfile],
  ["PATCH", PROFILE, "UpdateConfigurationProfile", profiles.updateConfigurationProfile],
  ["DELETE", PROFILE, "DeleteConfigurationProfile", profiles.deleteConfigurationProfile],
  ["POST", `${PROFILE}/hostedconfigurationversions`, "CreateHostedConfigurationVersion", versions.createHostedConfigurationVersion],
  ["GET", `${PROFILE}/hostedconfigurationversions`, "ListHostedConfigurationVersions", versions.listHostedConfigurationVersions],
  ["GET", `${PROFILE}/hostedconfigurationversions/{VersionNumber}`, "GetHostedConfigurationVersion", versions.getHostedConfigurationVersion],
  ["DELETE", `${PROFILE}/hostedconfigurationversions/{VersionNumber}`, "DeleteHostedConfigurationVersion", versions.deleteHostedConfigurationVersion],
  ["POST", "/deploymentstrategies", "CreateDeploymentStrategy", strategies.createDeploymentStrategy],
  ["GET", "/deploymentstrategies", "ListDeploymentStrategies", strategies.listDeploymentStrategies],
  ["GET", "/deploymentstrategies/{DeploymentStrategyId}", "GetDeploymentStrategy", strategies.getDeploymentStrategy],
  ["PATCH", "/deploymentstrategies/{DeploymentStrategyId}", "UpdateDeploymentStrategy", strategies.updateDeploymentStrategy],
  // The model really spells this one "deployementstrategies".
  ["DELETE", "/deployementstrategies/{DeploymentStrategyId}", "DeleteDeploymentStrategy", strategies.deleteDeploymentStrategy],
  ["POST", `${ENV}/deployments`, "StartDeployment", deployments.startDeployment],
  ["GET", `${ENV}/deployments`, "ListDeployments", deployments.listDeployments],
  ["GET", `${ENV}/deployments/{DeploymentNumber}`, "GetDeployment", deployments.getDeployment],
  ["DELETE", `${ENV}/deployments/{DeploymentNumber}`, "StopDeployment", deployments.stopDeployment],
  ["POST", "/configurationsessions", "StartConfigurationSession", data.startConfigurationSession],
  ["GET", "/configuration", "GetLatestConfiguration", data.getLatestConfiguration],
  ["GET", "/tags/{ResourceArn+}", "ListTagsForResource", tags.listTagsForResource],
  ["POST", "/tags/{ResourceArn+}", "TagResource", tags.tagResource],
  ["DELETE", "/tags/{ResourceArn+}", "UntagResource", tags.untagResource],
];

const ROUTES: Route[] = table.map(([method, template, operation, handler]) => ({ method, template: template.split("/").slice(1), operation, handler }));

export interface RouteMatch {
  operation: string;
  handler: Handler;
  params: Record<string, string>;
}

function matchTemplate(template: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!;
    const label = /^\{(\w+)(\+?)\}$/.exec(part);
    if (label?.[2]) {
      const rest = segments.slice(i).join("/");
      if (rest === "") return undefined;
      params[label[1]!] = rest;
      return params;
    }
    const segment = segments[i];
    if (segment === undefined || segment === "") return undefined;
    if (label) params[label[1]!] = segment;
    else if (part !== segment) return undefined;
  }
  return template.length === segments.length ? params : undefined;
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split("/").slice(1);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, segments);
    if (params) return { operation: route.operation, handler: route.handler, params };
  }
  return undefined;
}
