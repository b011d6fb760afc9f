// The leaf types of the emulator's core, shared by the stores (call log, credentials) and
// the service contracts in types.ts: kept apart so the stores need not import the contracts
// that hold them.

export type ServiceName = "iam" | "sts" | "organizations" | "appconfig";

/** Who signed a request, resolved from the SigV4 access key id. */
export interface Principal {
  accountId: string;
  /** arn:aws:iam::<id>:root, arn:aws:iam::<id>:user/<n>, or arn:aws:sts::<id>:assumed-role/<role>/<session> */
  arn: string;
  type: "root" | "user" | "assumed-role";
  /** The role's ARN (arn:aws:iam::<id>:role/<path><name>) for an assumed-role session. */
  roleArn?: string;
  roleName?: string;
  /** AROA…:<session> for assumed roles, AIDA… for users, the account id for root. */
  userId: string;
  sessionName?: string;
  mfaPresent: boolean;
  sourceIdentity?: string;
}

export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  principal: Principal;
  /** Epoch ms on the world clock; undefined = long-term key. */
  expiresAt?: number;
}

export interface CallStat {
  service: ServiceName;
  operation: string;
  accountId: string;
  status: number;
  /** Milliseconds from the call's arrival to its answer, for calls that were answered (the benchmark's delivered latency). */
  ms?: number;
}
