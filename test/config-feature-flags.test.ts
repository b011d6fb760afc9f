// Feature-flag profiles in the YAML: flags and values in AWS's format, checked at validate
// time against AWS's feature-flag schema and the attributes' constraints, each problem at
// its file:line:col.
import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

// BASE is 8 lines long, so lines appended to it start at line 9.
const app = (version: string) => `${BASE}appconfig:
  App:
    account: development
    environments: [dev]
    profiles:
      Flags:
        type: AWS.AppConfig.FeatureFlags
        versions:
${version}`;

describe("feature-flag profiles", () => {
  it("build AWS's feature-flag document from inline flags and values", async () => {
    const r = await diagnose(
      await fixture({
        "orgctl.yaml": app(`          v1:
            flags:
              limitResults: { name: Limit results, attributes: { limit: { constraints: { type: number, minimum: 1, maximum: 100 } } } }
            values:
              limitResults: { enabled: true, limit: 10 }
`),
      }),
    );
    expect(r.errorLines).toEqual([]);
    const profile = r.state!.appconfig[0]!.profiles[0]!;
    expect(profile.type).toBe("AWS.AppConfig.FeatureFlags");
    expect(JSON.parse(profile.versions[0]!.content)).toEqual({
      version: "1",
      flags: { limitResults: { name: "Limit results", attributes: { limit: { constraints: { type: "number", minimum: 1, maximum: 100 } } } } },
      values: { limitResults: { enabled: true, limit: 10 } },
    });
    expect(profile.versions[0]!.contentType).toBe("application/json");
  });

  it("report each broken rule at its line: a value out of its constraints, an undefined flag, an unknown field", async () => {
    const r = await diagnose(
      await fixture({
        "orgctl.yaml": app(`          v1:
            flags:
              limitResults:
                attributes:
                  limit: { constraints: { type: number, maximum: 100 } }
                colour: red
            values:
              limitResults: { enabled: true, limit: 1000 }
              ghost: { enabled: true }
`),
      }),
    );
    expect(r.errorLines).toEqual([
      "orgctl.yaml:22:17: appconfig.App.profiles.Flags.versions.v1.flags.limitResults.colour: version v1: is not an allowed field here",
    ]);
    const fixed = await diagnose(
      await fixture({
        "orgctl.yaml": app(`          v1:
            flags:
              limitResults:
                attributes:
                  limit: { constraints: { type: number, maximum: 100 } }
            values:
              limitResults: { enabled: true, limit: 1000 }
              ghost: { enabled: true }
`),
      }),
    );
    expect(fixed.errorLines).toEqual([
      "orgctl.yaml:23:53: appconfig.App.profiles.Flags.versions.v1.values.limitResults.limit: version v1: must be at most 100",
      'orgctl.yaml:24:15: appconfig.App.profiles.Flags.versions.v1.values.ghost: version v1: is not a flag defined under "flags"',
    ]);
  });

  it("point at the file of a version kept in a file, naming the place inside it", async () => {
    const r = await diagnose(
      await fixture({
        "orgctl.yaml": app(`          v1: { file: flags.json }
`),
        "flags.json": JSON.stringify({ version: "1", flags: { beta: {} }, values: { beta: { enabled: "yes" } } }),
      }),
    );
    expect(r.errorLines).toEqual(["orgctl.yaml:17:23: appconfig.App.profiles.Flags.versions.v1.file: version v1: values.beta.enabled must be of type boolean"]);
  });

  it("refuse flags and values in a freeform profile", async () => {
    const r = await diagnose(
      await fixture({
        "orgctl.yaml": `${BASE}appconfig:
  App:
    account: development
    environments: [dev]
    profiles:
      Settings:
        versions:
          v1: { flags: { beta: {} } }
`,
      }),
    );
    expect(r.errorLines).toEqual(['orgctl.yaml:16:17: "flags" and "values" need a profile of type AWS.AppConfig.FeatureFlags']);
  });
});
