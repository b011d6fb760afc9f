// The canonical shape of a profile in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "profile".

/** AppConfig configuration profile (type "profile"), hosted (LocationUri "hosted"). */
export interface ProfileResource {
  application: string;
  region: string;
  name: string;
  description: string;
  type: string;
  /** Validators; JSON_SCHEMA content is canonical JSON text (compared parsed). */
  validators: { type: string; content: string }[];
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    profile: ProfileResource;
  }
}
