// What IAM references stand for at plan time: `${role:<account>/<name>}` is the ARN of the
// role the desired state puts there (its declared spelling and path), around the account's
// id or, for an account still to be created, its `${account:<key>}` placeholder.
import { accountIdOrPlaceholder, type DiffContext } from "../../engine/context.js";
import type { Reference } from "../../model/references/grammar.js";
import { expandRoles } from "../../model/targets.js";

export function resolveIamReference(ref: Reference, ctx: DiffContext): string | undefined {
  if (ref.kind !== "role") return undefined;
  const found = expandRoles(ctx.desired).find(({ account, role }) => account.key === ref.account && role.name.toLowerCase() === ref.name.toLowerCase());
  return found && `arn:aws:iam::${accountIdOrPlaceholder(ctx, ref.account)}:role${found.role.path}${found.role.name}`;
}
