// AWS's JSON Schema (draft-07) for AWS.AppConfig.FeatureFlags content, as published in the
// AppConfig User Guide, "Understanding the type reference for AWS.AppConfig.FeatureFlags"
// (docs.aws.amazon.com/appconfig/latest/userguide/appconfig-type-reference-feature-flags.html),
// including multi-variant flags (`_variants`), verbatim but for the root (see the end). It is the structural half of what AppConfig
// checks on CreateHostedConfigurationVersion; constraints.ts is the other half.
const KEY = "^[a-z][a-zA-Z\\d_-]{0,63}$";

export const FLAG_KEY = new RegExp(KEY);

export const FEATURE_FLAGS_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  definitions: {
    flagSetDefinition: {
      type: "object",
      properties: {
        version: { $ref: "#/definitions/flagSchemaVersions" },
        flags: { $ref: "#/definitions/flagDefinitions" },
        values: { $ref: "#/definitions/flagValues" },
      },
      required: ["version"],
      additionalProperties: false,
    },
    flagDefinitions: { type: "object", patternProperties: { [KEY]: { $ref: "#/definitions/flagDefinition" } }, additionalProperties: false },
    flagDefinition: {
      type: "object",
      properties: {
        name: { $ref: "#/definitions/customerDefinedName" },
        description: { $ref: "#/definitions/customerDefinedDescription" },
        _createdAt: { type: "string" },
        _updatedAt: { type: "string" },
        _deprecation: {
          type: "object",
          properties: { status: { type: "string", enum: ["planned"] }, date: { type: "string", format: "date" } },
          additionalProperties: false,
        },
        attributes: { $ref: "#/definitions/attributeDefinitions" },
      },
      additionalProperties: false,
    },
    attributeDefinitions: {
      type: "object",
      patternProperties: { [KEY]: { $ref: "#/definitions/attributeDefinition" } },
      maxProperties: 25,
      additionalProperties: false,
    },
    attributeDefinition: {
      type: "object",
      properties: {
        description: { $ref: "#/definitions/customerDefinedDescription" },
        constraints: {
          oneOf: [
            { $ref: "#/definitions/numberConstraints" },
            { $ref: "#/definitions/stringConstraints" },
            { $ref: "#/definitions/arrayConstraints" },
            { $ref: "#/definitions/boolConstraints" },
          ],
        },
      },
      additionalProperties: false,
    },
    flagValues: { type: "object", patternProperties: { [KEY]: { $ref: "#/definitions/flagValue" } }, additionalProperties: false },
    flagValue: {
      type: "object",
      properties: {
        enabled: { type: "boolean" },
        _createdAt: { type: "string" },
        _updatedAt: { type: "string" },
        _variants: { type: "array", maxLength: 32, items: { $ref: "#/definitions/variant" } },
      },
      patternProperties: { [KEY]: { $ref: "#/definitions/attributeValue", maxProperties: 25 } },
      additionalProperties: false,
    },
    attributeValue: {
      oneOf: [
        { type: "string", maxLength: 1024 },
        { type: "number" },
        { type: "boolean" },
        { type: "array", oneOf: [{ items: { type: "string", maxLength: 1024 } }, { items: { type: "number" } }] },
      ],
      additionalProperties: false,
    },
    stringConstraints: {
      type: "object",
      properties: {
        type: { type: "string", enum: ["string"] },
        required: { type: "boolean" },
        pattern: { type: "string", maxLength: 1024 },
        enum: { type: "array", maxLength: 100, items: { oneOf: [{ type: "string", maxLength: 1024 }, { type: "integer" }] } },
      },
      required: ["type"],
      not: { required: ["pattern", "enum"] },
      additionalProperties: false,
    },
    numberConstraints: {
      type: "object",
      properties: {
        type: { type: "string", enum: ["number"] },
        required: { type: "boolean" },
        minimum: { type: "integer" },
        maximum: { type: "integer" },
      },
      required: ["type"],
      additionalProperties: false,
    },
    arrayConstraints: {
      type: "object",
      properties: {
        type: { type: "string", enum: ["array"] },
        required: { type: "boolean" },
        elements: { $ref: "#/definitions/elementConstraints" },
      },
      required: ["type"],
      additionalProperties: false,
    },
    boolConstraints: {
      type: "object",
      properties: { type: { type: "string", enum: ["boolean"] }, required: { type: "boolean" } },
      required: ["type"],
      additionalProperties: false,
    },
    elementConstraints: { oneOf: [{ $ref: "#/definitions/numberConstraints" }, { $ref: "#/definitions/stringConstraints" }] },
    variant: {
      type: "object",
      properties: {
        enabled: { type: "boolean" },
        name: { $ref: "#/definitions/customerDefinedName" },
        rule: { type: "string", maxLength: 16384 },
        attributeValues: {
          type: "object",
          patternProperties: { [KEY]: { $ref: "#/definitions/attributeValue" } },
          maxProperties: 25,
          additionalProperties: false,
        },
      },
      required: ["name", "enabled"],
      additionalProperties: false,
    },
    customerDefinedName: { type: "string", pattern: "^[^\\n]{1,64}$" },
    customerDefinedDescription: { type: "string", maxLength: 1024 },
    flagSchemaVersions: { type: "string", enum: ["1"] },
  },
  // AWS's root also says `type: "object", additionalProperties: false` beside this $ref. Draft-07
  // ignores a $ref's siblings, ajv does not (it would refuse every property), so they are left out.
  $ref: "#/definitions/flagSetDefinition",
} as const;
