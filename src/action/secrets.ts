// Everything the runner must mask in logs: the GitHub token, AWS credentials from the
// environment and AppConfig content marked sensitive. The runner masks per line, so a
// multi-line value is also registered line by line (short lines like "{" would mask
// every brace in the log, so they are left out: the renderers redact that content anyway).
import * as core from "@actions/core";
import type { DesiredState } from "../model/types.js";

const AWS_SECRET_VARIABLES = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
const MIN_MASKED_LINE = 8;

export function maskEnvironmentSecrets(token: string): void {
  mask(token);
  for (const name of AWS_SECRET_VARIABLES) mask(process.env[name]);
}

export function maskSensitiveContent(desired: DesiredState): void {
  for (const app of desired.appconfig) {
    for (const profile of app.profiles) {
      for (const version of profile.versions) if (version.sensitive) mask(version.content);
    }
  }
}

function mask(value: string | undefined): void {
  if (!value) return;
  core.setSecret(value);
  const lines = value.split(/\r?\n/).map((l) => l.trim());
  if (lines.length > 1) for (const line of lines) if (line.length >= MIN_MASKED_LINE) core.setSecret(line);
}
