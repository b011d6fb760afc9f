// Parameter constraints from the STS service model (botocore sts/2011-06-15/service-2.json),
// reported the way AWS reports model validation failures.
import { AwsError } from "../types.js";

interface Constraint {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
}

export const STS_CONSTRAINTS = {
  RoleSessionName: { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: "[\\w+=,.@-]*" },
  ExternalId: { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: "[\\w+=,.@:\\/-]*" },
  SerialNumber: { min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: "[\\w+=/:,.@-]*" },
  TokenCode: { min: 6, max: 6, pattern: /^\d*$/, patternText: "[\\d]*" },
  SourceIdentity: { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: "[\\w+=,.@-]*" },
  RoleArn: { min: 20, max: 2048 },
} satisfies Record<string, Constraint>;

export const DURATION_LIMITS = { min: 900, max: 43200 };

export class ValidationErrors {
  private readonly messages: string[] = [];

  string(name: keyof typeof STS_CONSTRAINTS, value: string | null): void {
    if (value === null) return;
    const c: Constraint = STS_CONSTRAINTS[name];
    const at = `Value '${value}' at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must`;
    if (c.min !== undefined && value.length < c.min) this.messages.push(`${at} have length greater than or equal to ${c.min}`);
    if (c.max !== undefined && value.length > c.max) this.messages.push(`${at} have length less than or equal to ${c.max}`);
    if (c.pattern && !c.pattern.test(value)) this.messages.push(`${at} satisfy regular expression pattern: ${c.patternText}`);
  }

  duration(value: number | undefined, raw: string | null): void {
    if (raw === null) return;
    const at = `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must`;
    if (value === undefined || !Number.isInteger(value)) this.messages.push(`${at} be an integer`);
    else if (value < DURATION_LIMITS.min) this.messages.push(`${at} have value greater than or equal to ${DURATION_LIMITS.min}`);
    else if (value > DURATION_LIMITS.max) this.messages.push(`${at} have value less than or equal to ${DURATION_LIMITS.max}`);
  }

  throwIfAny(): void {
    const n = this.messages.length;
    if (n === 0) return;
    throw new AwsError("ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${this.messages.join("; ")}`, 400);
  }
}
