// Canonical shapes of every resource a Change carries in `before` and `after`.
// `after` is complete: apply works from it alone, without the YAML. `before` is the
// same shape built from live state (null when the resource does not exist), so the
// RFC 6902 patch between them names exactly the attributes that change.
//
// Account ids that are not known yet (accounts orgctl is about to create) appear as
// the placeholder `${account:<key>}` inside strings (ARNs, principals); the Change
// then dependsOn that account's create change and apply substitutes the real id.
// Shapes carry names, not AWS ids: apply resolves names to ids (it must anyway for
// resources created earlier in the same apply), and ids would make every patch noisy.

/** Placeholder for the id of an account that does not exist yet. */
export function accountPlaceholder(key: string): string {
  return `\${account:${key}}`;
}

/** Every `${account:<key>}` placeholder in a string. */
export const ACCOUNT_PLACEHOLDER_RE = /\$\{account:([^}]+)\}/g;

/**
 * Each kind's canonical shape, by type. Kinds add themselves to it from their own folder
 * (TypeScript declaration merging), so a Change of type "role" has RoleResource in
 * `before`/`after` without the engine naming any kind.
 */
export interface ResourceByType {}

export type ResourceType = keyof ResourceByType & string;
