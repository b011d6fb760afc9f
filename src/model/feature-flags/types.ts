// The shapes of AWS.AppConfig.FeatureFlags content once it has passed the structural schema,
// and the one problem type every check reports (a path into the document, so a caller can
// point at the YAML line or build AppConfig's InvalidConfiguration Location from it).

export type AttributeValue = string | number | boolean | string[] | number[];

export interface NumberConstraints {
  type: "number";
  required?: boolean;
  minimum?: number;
  maximum?: number;
}

export interface StringConstraints {
  type: "string";
  required?: boolean;
  pattern?: string;
  enum?: (string | number)[];
}

export interface ArrayConstraints {
  type: "array";
  required?: boolean;
  elements?: NumberConstraints | StringConstraints;
}

export interface BooleanConstraints {
  type: "boolean";
  required?: boolean;
}

export type Constraints = NumberConstraints | StringConstraints | ArrayConstraints | BooleanConstraints;

export interface AttributeDefinition {
  description?: string;
  constraints?: Constraints;
}

export interface FlagDefinition {
  name?: string;
  description?: string;
  _createdAt?: string;
  _updatedAt?: string;
  _deprecation?: { status?: "planned"; date?: string };
  attributes?: Record<string, AttributeDefinition>;
}

export interface Variant {
  name: string;
  enabled: boolean;
  rule?: string;
  attributeValues?: Record<string, AttributeValue>;
}

/** `enabled`, `_createdAt`, `_updatedAt`, `_variants`, and attribute values by attribute key. */
export type FlagValue = Record<string, unknown> & { enabled?: boolean; _variants?: Variant[] };

export interface FeatureFlagsDocument {
  version: "1";
  flags?: Record<string, FlagDefinition>;
  values?: Record<string, FlagValue>;
}

export interface FlagProblem {
  /** Where in the document: object keys and array indexes from the root. */
  path: (string | number)[];
  /** What kind of rule failed (a JSON Schema keyword, or a feature-flag rule such as "required"). */
  constraint: string;
  /** A sentence about the value at `path`, e.g. "must be at most 10". */
  message: string;
}
