// The shape of `Snapshot.iam` (what a seed or a dump holds), apart from the code that
// seeds and dumps it, so that the core's Snapshot type can name it without a loop.
export type Tag = { Key: string; Value: string };
/** Documents may be given as JSON objects for convenience, or as the exact text. */
export type Document = string | Record<string, unknown>;

export interface RoleSeed {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: Document;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: Tag[];
  InlinePolicies?: Record<string, Document>;
  ManagedPolicyArns?: string[];
  PermissionsBoundary?: string;
}

export interface PolicySeed {
  PolicyName: string;
  Path?: string;
  Description?: string;
  /** The default version's document. */
  Document: Document;
  Tags?: Tag[];
  /** Every version, when the policy has more than one (the default one's document is `Document`). */
  Versions?: { VersionId: string; Document: Document; IsDefaultVersion?: boolean }[];
}

export interface UserSeed {
  UserName: string;
  Path?: string;
  Tags?: Tag[];
  InlinePolicies?: Record<string, Document>;
  ManagedPolicyArns?: string[];
}

export interface IamSnapshot {
  accounts: Record<
    string,
    {
      users?: UserSeed[];
      roles?: RoleSeed[];
      policies?: PolicySeed[];
      instanceProfiles?: InstanceProfileSeed[];
      groups?: GroupSeed[];
      oidcProviders?: OidcProviderSeed[];
    }
  >;
}

export interface GroupSeed {
  GroupName: string;
  Path?: string;
  InlinePolicies?: Record<string, Document>;
  ManagedPolicyArns?: string[];
  /** Member user names; each user must be seeded too. */
  Users?: string[];
}

export interface OidcProviderSeed {
  /** https://host[/path], as CreateOpenIDConnectProvider takes it. */
  Url: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  Tags?: Tag[];
}

export interface InstanceProfileSeed {
  InstanceProfileName: string;
  Path?: string;
  Tags?: { Key: string; Value: string }[];
  /** Role names (at most one, as in IAM); each role must be seeded too. */
  Roles?: string[];
}
