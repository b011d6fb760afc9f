// One appconfig/<app>.yaml per application, with validator schemas and the deployed
// hosted versions written as files beside it; what each environment runs becomes a
// `deploy` pin on that version.
import type { LiveApplication, LiveHostedVersion, LiveProfile } from "../kinds/appconfig/live.js";
import { OWNERSHIP_TAG_KEY, OWNERSHIP_TAG_VALUE, type Tags } from "../model/types.js";
import { KeyAllocator } from "./keys.js";
import type { OutputFile } from "./output.js";

const LABEL = /^[A-Za-z0-9][\w.-]{0,63}$/;
const EXTENSIONS: Record<string, string> = { "application/json": ".json", "application/x-yaml": ".yaml" };

export interface AppImport {
  /** The application's YAML file, relative to the output directory. */
  yamlFile: string;
  doc: { appconfig: Record<string, object> };
  files: OutputFile[];
  notes: string[];
}

/**
 * `sensitive` says which profiles' versions to mark `sensitive: true`, by "<application>/<profile>";
 * their content goes to files only, never to a message.
 */
export function importApplication(
  app: LiveApplication,
  accountKey: string,
  region: string,
  fileNames: KeyAllocator,
  sensitive: (name: string) => boolean = () => false,
  /** Every region it lives in, the same in each: written as `regions`. */
  regions: string[] = [region],
): AppImport {
  const slug = fileNames.allocate(app.name, "application");
  const notes: string[] = [];
  const files: OutputFile[] = [];
  const profiles: Record<string, object> = {};
  const profileDirs = new KeyAllocator();
  for (const profile of app.profiles) {
    const where = `${app.name}/${profile.name}`;
    if (profile.type !== "AWS.Freeform" && profile.type !== "AWS.AppConfig.FeatureFlags") {
      notes.push(`${where}: ${profile.type} profiles are not supported; left out`);
      continue;
    }
    if (profile.validators.some((v) => v.type !== "JSON_SCHEMA")) {
      notes.push(`${where}: only JSON_SCHEMA validators can be written; profile left out`);
      continue;
    }
    const dir = `${slug}/${profileDirs.allocate(profile.name, "profile")}`;
    profiles[profile.name] = importProfile(app, profile, dir, files, notes, sensitive(where));
  }
  const tags = withoutOwnership(app.tags);
  const envs = app.environments;
  const plainEnvs = envs.every((e) => !e.description && Object.keys(e.tags).length === 0 && !e.monitors);
  const spec = {
    account: accountKey,
    ...(regions.length > 1 ? { regions } : { region }),
    ...(app.description ? { description: app.description } : {}),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(app.tags[OWNERSHIP_TAG_KEY] === OWNERSHIP_TAG_VALUE ? {} : { adopt: true }),
    ...(envs.length === 0
      ? {}
      : {
          environments: plainEnvs
            ? envs.map((e) => e.name)
            : Object.fromEntries(
                envs.map((e) => [
                  e.name,
                  { ...(e.description ? { description: e.description } : {}), ...(Object.keys(e.tags).length > 0 ? { tags: e.tags } : {}), ...(e.monitors ? { monitors: e.monitors } : {}) },
                ]),
              ),
        }),
    ...(Object.keys(profiles).length > 0 ? { profiles } : {}),
  };
  return { yamlFile: `appconfig/${slug}.yaml`, doc: { appconfig: { [app.name]: spec } }, files, notes };
}

function importProfile(app: LiveApplication, profile: LiveProfile, dir: string, files: OutputFile[], notes: string[], sensitive: boolean): object {
  const validators = profile.validators.map((v, i) => {
    const file = `${dir}/schema${i === 0 ? "" : `-${i + 1}`}.json`;
    files.push({ path: `appconfig/${file}`, text: v.content });
    return { jsonSchema: file };
  });
  const pins = new Map<string, LiveHostedVersion>();
  for (const env of app.environments) {
    const state = env.deployed[profile.id];
    const version = profile.versions.find((v) => String(v.versionNumber) === state?.version);
    if (version) pins.set(env.name, version);
    else if (state?.running) notes.push(`${app.name}/${env.name}/${profile.name}: only a ${state.running.state} deployment; no deploy pin written`);
  }
  const labels = versionLabels([...new Set(pins.values())]);
  const versions: Record<string, object> = {};
  for (const [version, label] of labels) {
    const ext = EXTENSIONS[version.contentType] ?? ".txt";
    const file = `${dir}/${label}${ext}`;
    files.push({ path: `appconfig/${file}`, text: version.content });
    // The loader infers the type from the extension; say it only when that would differ.
    const inferred = Object.entries(EXTENSIONS).find(([, e]) => e === ext)?.[0] ?? "text/plain";
    versions[label] = { file, ...(version.contentType !== inferred ? { contentType: version.contentType } : {}), ...(sensitive ? { sensitive: true } : {}) };
  }
  const deploy = Object.fromEntries([...pins].map(([env, version]) => [env, { version: labels.get(version)! }]));
  return {
    ...(profile.description ? { description: profile.description } : {}),
    ...(profile.type === "AWS.AppConfig.FeatureFlags" ? { type: profile.type } : {}),
    ...(validators.length > 0 ? { validators } : {}),
    ...(Object.keys(versions).length > 0 ? { versions } : {}),
    ...(Object.keys(deploy).length > 0 ? { deploy } : {}),
  };
}

/** A version's label is its Description (how orgctl labels what it creates) when usable, else v<number>. */
function versionLabels(versions: LiveHostedVersion[]): Map<LiveHostedVersion, string> {
  const used = new Set<string>();
  const out = new Map<LiveHostedVersion, string>();
  for (const v of [...versions].sort((a, b) => a.versionNumber - b.versionNumber)) {
    const wanted = v.description && LABEL.test(v.description) && !used.has(v.description) ? v.description : undefined;
    let label = wanted ?? `v${v.versionNumber}`;
    if (used.has(label)) label = `version-${v.versionNumber}`;
    used.add(label);
    out.set(v, label);
  }
  return out;
}

function withoutOwnership(tags: Tags): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => k !== OWNERSHIP_TAG_KEY));
}
