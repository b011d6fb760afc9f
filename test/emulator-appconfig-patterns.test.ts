// The emulator's JSON_SCHEMA validators compile patterns with the same linear-time engine
// as validate: a catastrophic pattern answers at once instead of hanging the emulator,
// and a pattern RE2 cannot run is refused when the profile is created.
import { describe, expect, it } from "vitest";
import { CreateApplicationCommand, CreateConfigurationProfileCommand, CreateHostedConfigurationVersionCommand } from "@aws-sdk/client-appconfig";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const schema = (pattern: string) => JSON.stringify({ type: "object", properties: { s: { type: "string", pattern } } });

describe("emulator: AppConfig validator patterns", () => {
  const emulator = withEmulator();

  it("checks content against a catastrophic pattern in linear time", async () => {
    const c = clientFor(emulator(), "appconfig");
    const app = await c.send(new CreateApplicationCommand({ Name: "Redos" }));
    const profile = await c.send(
      new CreateConfigurationProfileCommand({ ApplicationId: app.Id, Name: "P", LocationUri: "hosted", Validators: [{ Type: "JSON_SCHEMA", Content: schema("^(a+)+$") }] }),
    );
    const content = new TextEncoder().encode(JSON.stringify({ s: `${"a".repeat(40)}!` }));
    const err = await c
      .send(new CreateHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, Content: content, ContentType: "application/json" }))
      .catch((e: Error) => e);
    expect(err).toMatchObject({ name: "BadRequestException", Reason: "InvalidConfiguration" });
    expect((err as { Details?: unknown }).Details).toEqual({
      InvalidConfiguration: [{ Constraint: "pattern", Location: "#/s", Reason: '/s must match pattern "^(a+)+$"', Type: "JSON_SCHEMA" }],
    });
  });

  it("refuses a validator whose pattern needs backtracking", async () => {
    const c = clientFor(emulator(), "appconfig");
    const app = await c.send(new CreateApplicationCommand({ Name: "Backref" }));
    const err = await c
      .send(new CreateConfigurationProfileCommand({ ApplicationId: app.Id, Name: "P", LocationUri: "hosted", Validators: [{ Type: "JSON_SCHEMA", Content: schema("^(a)\\1$") }] }))
      .catch((e: Error) => e);
    expect(err).toMatchObject({ name: "BadRequestException", message: 'Invalid JSON Schema validator: invalid JSON Schema: pattern "^(a)\\\\1$" is not supported (linear-time regular expressions only)' });
  });
});
