// Request-shape constraints from the IAM API model. Violations are reported together, in
// AWS's "N validation errors detected: …" form (ValidationError, 400).
import { AwsError } from "../types.js";

export const NAME_PATTERN = /^[\w+=,.@-]+$/;
export const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
// policyDocumentType: tab, LF, CR and Latin-1 only, so e.g. a non-breaking hyphen or a smart quote is refused.
const POLICY_DOCUMENT_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
const DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

export class Constraints {
  private readonly problems: string[] = [];

  private fail(member: string, value: unknown, constraint: string): void {
    this.problems.push(`Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  length(member: string, value: string | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.fail(member, value, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max) this.fail(member, value, `Member must have length less than or equal to ${max}`);
    return this;
  }

  pattern(member: string, value: string | undefined, pattern: RegExp, shown: string): this {
    if (value !== undefined && value !== "" && !pattern.test(value))
      this.fail(member, value, `Member must satisfy regular expression pattern: ${shown}`);
    return this;
  }

  range(member: string, value: number | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.fail(member, value, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.fail(member, value, `Member must have value less than or equal to ${max}`);
    return this;
  }

  listSize(member: string, count: number, max: number): this {
    if (count > max) this.fail(member, `[${count} items]`, `Member must have length less than or equal to ${max}`);
    return this;
  }

  name(member: string, value: string | undefined, max: number): this {
    return this.length(member, value, 1, max).pattern(member, value, NAME_PATTERN, "[\\w+=,.@-]+");
  }

  path(member: string, value: string | undefined): this {
    return this.length(member, value, 1, 512).pattern(
      member,
      value,
      PATH_PATTERN,
      "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
  }

  policyDocument(member: string, value: string | undefined): this {
    return this.length(member, value, 1, 131072).pattern(
      member,
      value,
      POLICY_DOCUMENT_PATTERN,
      "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    );
  }

  description(value: string | undefined): this {
    return this.length("description", value, 0, 1000).pattern(
      "description",
      value,
      DESCRIPTION_PATTERN,
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
    );
  }

  enumeration(member: string, value: string | undefined, allowed: string[]): this {
    if (value !== undefined && !allowed.includes(value))
      this.fail(member, value, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
    return this;
  }

  check(): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new AwsError(
      "ValidationError",
      `${n} validation error${n > 1 ? "s" : ""} detected: ${this.problems.join("; ")}`,
      400,
    );
  }
}

/** Reads an optional integer parameter; a non-integer is a ValidationError as in AWS. */
export function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw))
    throw new AwsError("ValidationError", `1 validation error detected: Value '${raw}' at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must be an integer`, 400);
  return Number(raw);
}
