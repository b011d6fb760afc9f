// The few shapes every part of the desired state shares (source positions, tags, policy
// documents, targeting), apart from the desired state itself so that the model's parts
// (IAM specs, organization policies, GitHub trust) can use them without importing it.
export interface Loc {
  file: string;
  line: number;
  col: number;
}

export type Tags = Record<string, string>;

/** An IAM policy document as JSON (trust, inline or managed). */
export type PolicyDocument = {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
};
export type PolicyStatement = Record<string, unknown>;

export interface RoleTargets {
  accounts: string[];
  /** Unit paths; a unit targets its descendants too. */
  units: string[];
  /** Account tags that must all match. */
  tags: Tags;
}
