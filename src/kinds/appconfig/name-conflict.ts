// AppConfig does not make names unique: two applications (or two environments or profiles
// of one application) may share a name. orgctl addresses them by name, so picking one
// would silently act on the wrong one, or never converge: the reader and the apply
// directory report the clash instead, naming every id.
export type AppConfigKind = "application" | "environment" | "configuration profile" | "deployment strategy";

const PLURAL: Record<AppConfigKind, string> = {
  application: "applications",
  environment: "environments",
  "configuration profile": "configuration profiles",
  "deployment strategy": "deployment strategies",
};

export class NameConflictError extends Error {
  constructor(
    readonly kind: AppConfigKind,
    readonly resourceName: string,
    /** "account 222222222222, eu-west-1" or "application Shop, account …, eu-west-1". */
    readonly where: string,
    readonly ids: readonly string[],
  ) {
    super(
      `AppConfig ${kind} name ${resourceName} (${where}) is used by ${ids.length} ${PLURAL[kind]}: ${ids.join(", ")}; orgctl cannot tell which one is meant: delete or rename all but one`,
    );
  }
}

/** The one id with `name`, undefined for none; a NameConflictError for more than one. */
export function onlyOne(kind: AppConfigKind, name: string, where: string, ids: readonly string[]): string | undefined {
  if (ids.length > 1) throw new NameConflictError(kind, name, where, ids);
  return ids[0];
}
