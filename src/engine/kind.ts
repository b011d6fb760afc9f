// The resource-kind contract. A kind (role, unit, AppConfig environment, ...) lives in
// one folder under src/kinds/ and is known to the rest of orgctl only through these
// interfaces: plan building, dependencies, the executor, the claim check and rendering
// are generic, and a new kind is a folder plus one line in src/kinds/registry.ts.
// Kinds that one API reads together (an account's roles; an application's tree) form a
// family: the family reads and diffs, each kind executes its own changes.
import type { ClientFactory } from "../aws/clients.js";
import type { UserIdentity } from "../aws/iam-identity.js";
import type { Reference } from "../model/references/grammar.js";
import type { AccountSpec, DesiredState } from "../model/types.js";
import type { DiffContext } from "./context.js";
import type { ApplyContext, OperationOutcome } from "./operation.js";
import type { ResourceType } from "./resources.js";
import type { AdaptivePool } from "../aws/concurrency.js";
import type { Change, ChangeAction, ChangeOf, LiveAccount, LiveAccountState, LiveOrganization, LiveState, Plan, ServiceKey } from "./types.js";

/** What an operation hands back: nothing, or what later operations need (a new account's id). */
export type OperationResult = OperationOutcome | void;

/**
 * One action of a kind. Every operation converges from what it finds, so running it again
 * after a partial failure finishes the job. A call AWS may have committed although its
 * answer was lost (a create) is not idempotent: before any retry, apply asks
 * `findEarlierEffect` for that earlier effect and finishes from it instead of calling again.
 */
export type KindOperation<T extends ResourceType> =
  | { idempotent: true; run(change: ChangeOf<T>, ctx: ApplyContext): Promise<OperationResult> }
  | {
      idempotent: false;
      run(change: ChangeOf<T>, ctx: ApplyContext): Promise<OperationResult>;
      /** The earlier attempt's effect, finished (undefined when there is none and the call must run again). */
      findEarlierEffect(change: ChangeOf<T>, ctx: ApplyContext): Promise<{ outcome?: OperationOutcome } | undefined>;
    };

/** Flags of the apply run that a kind's refusals depend on. */
export interface ApplyFlags {
  allowCloseAccounts: boolean;
}

export interface ResourceKind<T extends ResourceType> {
  readonly type: T;
  readonly service: ServiceKey;
  /** Two names denote one resource when their keys are equal (IAM ignores case). */
  nameKey(name: string): string;
  readonly operations: { readonly [A in ChangeAction]?: KindOperation<T> };
  /**
   * IAM role names a change of this kind writes to. The lockout guard refuses a change
   * naming a protected role, whatever the change says; kinds that write no role omit it.
   */
  rolesWritten?(change: ChangeOf<T>): string[];
  /**
   * Why the change could take access away from the IAM user running apply (`caller`): take
   * it out of a group it is in, or detach, delete or rewrite that group's policies;
   * undefined when it could not. The lockout guard refuses such a change before every
   * operation, judged from the change; the operation judges again from what IAM says then.
   */
  callerLockout?(change: ChangeOf<T>, caller: UserIdentity): string | undefined;
  /** Why apply must not run the change without an explicit flag (closing an account). */
  refuse?(change: ChangeOf<T>, flags: ApplyFlags): string | undefined;
  /**
   * Changes with the same key run one at a time, in address order: AppConfig allows one
   * deployment per environment and numbers a profile's versions in sequence.
   */
  exclusive?(change: ChangeOf<T>): string | undefined;
  /**
   * For kinds whose content may be sensitive (see sensitive.ts): whether a change holds the
   * placeholder instead of its content, and the change with the content from the YAML.
   */
  sensitiveContent?: {
    needed(change: ChangeOf<T>): boolean;
    fill(change: ChangeOf<T>, desired: DesiredState): ChangeOf<T>;
  };
}

/** A kind of any type, as the registry holds it. */
export type AnyKind = { [T in ResourceType]: ResourceKind<T> }[ResourceType];

/** What a family gets to read one account. */
export interface AccountRead {
  account: AccountSpec;
  accountId: string;
  clients: ClientFactory;
}

/** A family's reads for one desired state, worked out once (not once per account). */
export interface AccountReader {
  /** Whether the family has anything to read in the account: no AssumeRole when no family does. */
  reads(accountKey: string): boolean;
  /** The family's part of the account's live state. */
  read(read: AccountRead): Promise<Partial<LiveAccountState>>;
}

/**
 * Organization-wide reads (units, accounts, and what hangs off them) come from the
 * management account once; the engine shares the account listing with every family.
 */
export interface OrganizationRead {
  desired: DesiredState;
  clients: ClientFactory;
  /** Tags to read (default: every desired unit and account); a scoped plan reads fewer. */
  tags?: { units: boolean; accounts: ReadonlySet<string> } | undefined;
  /** Read only these accounts (by id), each by itself, instead of listing every account (scoped re-reads). */
  touched?: ReadonlySet<string> | undefined;
  /** Called once the account listing is known, before per-account tag reads. */
  onListed(accounts: readonly LiveAccount[]): void;
  /** Organizations' own throttling pool (its quota is organization-wide). */
  pool: AdaptivePool;
}

export interface KindFamily {
  readonly name: string;
  readonly kinds: readonly AnyKind[];
  /** What the family reads in member accounts for this desired state; none when it reads nothing there. */
  reader?(desired: DesiredState): AccountReader;
  /** Reads the organization itself (the one family that owns units and accounts). */
  readOrganization?(read: OrganizationRead): Promise<LiveOrganization>;
  /** Adds this family's changes and conflicts to the plan. */
  diff(ctx: DiffContext): void;
  /**
   * Orders changes by what only this family understands (a trust policy naming a role
   * that is being created) and breaks the cycles it can; runs on a whole plan and on
   * merged shard plans alike. `accountKeyOf` maps an account id to its key.
   */
  link?(changes: Change[], accountKeyOf: (ref: string) => string): void;
  /**
   * The value of a reference (src/model/references) to one of this family's resources that
   * is known at plan time (a declared role's ARN, a live application's id); undefined when
   * only apply will know it, or when the reference names none of its resources.
   */
  resolveReference?(ref: Reference, ctx: DiffContext): string | undefined;
  /**
   * The change (its address) whose operation makes a reference known during apply (the
   * create of the application `${app:…}` names), so what carries the reference waits for it.
   */
  providerOf?(ref: Reference, changes: readonly Change[]): string | undefined;
  /**
   * A check that needs the plan first (e.g. that AWS managed policies it attaches exist):
   * facts to add to the live state, after which the plan is built again; undefined when
   * all is well (the usual case, at no cost).
   */
  recheck?(plan: Plan, clients: ClientFactory): Promise<Partial<LiveState> | undefined>;
}

export interface KindRegistry {
  readonly families: readonly KindFamily[];
  /** The kind of a change; undefined for a type no family registers (a hand-made plan). */
  kindOf<T extends ResourceType>(change: ChangeOf<T>): ResourceKind<T> | undefined;
}

/** Builds the registry: one entry per family, kinds found by type. */
export function kindRegistry(families: readonly KindFamily[]): KindRegistry {
  const byType = new Map<string, AnyKind>();
  for (const family of families) {
    for (const kind of family.kinds) {
      if (byType.has(kind.type)) throw new Error(`resource kind ${kind.type} is registered twice`);
      byType.set(kind.type, kind);
    }
  }
  return {
    families,
    // The map is keyed by each kind's own `type`, so the kind found for a change of type T
    // is a ResourceKind<T>; TypeScript cannot follow that through the map.
    kindOf: <T extends ResourceType>(change: ChangeOf<T>) => byType.get(change.type) as ResourceKind<T> | undefined,
  };
}
