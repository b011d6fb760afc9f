// Policy document validation as IAM does it on write: the grammar shared by every policy,
// then the rules that differ between trust policies and permission policies.
import type { World } from "../types.js";
import { malformed } from "./errors.js";
import { findRoleByArn, iamState } from "./state.js";
import { propagated } from "../consistency/propagation.js";

const VERSIONS = ["2008-10-17", "2012-10-17"];
const TOP_LEVEL = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const STS_TRUST_ACTIONS = [
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:TagSession",
  "sts:SetSourceIdentity",
  "sts:SetContext",
];
const SYNTAX = "Syntax errors in policy.";

type Statement = Record<string, unknown>;

/** IAM measures policy size without white space. */
export function policySize(text: string): number {
  return text.replace(/\s/g, "").length;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringOrStrings = (v: unknown) =>
  typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

function statementsOf(text: string, invalidJsonMessage: string): Statement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed(invalidJsonMessage);
  }
  if (!isObject(doc) || Object.keys(doc).some((k) => !TOP_LEVEL.includes(k))) throw malformed(SYNTAX);
  if ("Version" in doc && !VERSIONS.includes(doc.Version as string)) throw malformed(SYNTAX);
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!statements || statements.length === 0) throw malformed(SYNTAX);
  for (const s of statements) checkStatementGrammar(s);
  return statements as Statement[];
}

function checkStatementGrammar(s: unknown): void {
  if (!isObject(s) || Object.keys(s).some((k) => !STATEMENT_KEYS.includes(k))) throw malformed(SYNTAX);
  if (("Action" in s && "NotAction" in s) || ("Resource" in s && "NotResource" in s)) throw malformed(SYNTAX);
  if (typeof s.Effect !== "string" || !["allow", "deny"].includes(s.Effect.toLowerCase())) throw malformed(SYNTAX);
  for (const key of ["Action", "NotAction", "Resource", "NotResource"])
    if (key in s && !isStringOrStrings(s[key])) throw malformed(SYNTAX);
  if ("Condition" in s && !isObject(s.Condition)) throw malformed(SYNTAX);
  // Effect is matched case-insensitively by the grammar but case-sensitively afterwards.
  if (s.Effect !== "Allow" && s.Effect !== "Deny") throw malformed("The policy failed legacy parsing");
  if (asList(s.Action ?? s.NotAction).length === 0) throw malformed("Policy statement must contain actions.");
}

function checkSidsUnique(statements: Statement[]): void {
  const sids = statements.map((s) => s.Sid).filter((sid) => typeof sid === "string" && sid !== "");
  if (new Set(sids).size !== sids.length) throw malformed("Statement IDs (SID) in a single policy must be unique.");
}

/** Identity (inline or managed) policies: no principal, resources required. */
export function validatePermissionPolicy(text: string): void {
  const statements = statementsOf(text, SYNTAX);
  checkSidsUnique(statements);
  for (const s of statements) {
    if ("Principal" in s || "NotPrincipal" in s) throw malformed("Policy document should not specify a principal.");
    const resources = asList(s.Resource ?? s.NotResource);
    if (resources.length === 0) throw malformed("Policy statement must contain resources.");
    for (const action of asList(s.Action ?? s.NotAction)) {
      if (action !== "*" && !action.includes(":"))
        throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
  }
}

/** Role trust policies: a principal on every statement, STS actions only, no resources. */
export function validateTrustPolicy(text: string, world: World): void {
  const statements = statementsOf(text, "This policy contains invalid Json");
  checkSidsUnique(statements);
  for (const s of statements) {
    if ("Resource" in s) throw malformed("Has prohibited field Resource");
    if ("NotResource" in s) throw malformed("Has prohibited field NotResource");
    const principal = s.Principal ?? s.NotPrincipal;
    if (principal === undefined)
      throw malformed(
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
      );
    checkPrincipal(principal, world);
    for (const action of asList(s.Action ?? s.NotAction)) {
      const allowed = action === "*" || action === "sts:*" || STS_TRUST_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase());
      if (!allowed) throw malformed("AssumeRole policy may only specify STS AssumeRole actions.");
    }
  }
}

const AWS_PRINCIPAL = /^(\d{12}|arn:aws:iam::\d{12}:(root|user\/.+|role\/.+)|arn:aws:sts::\d{12}:(assumed-role|federated-user)\/.+)$/;

function checkPrincipal(principal: unknown, world: World): void {
  if (principal === "*") return;
  if (!isObject(principal)) throw malformed(`Invalid principal in policy: ${JSON.stringify(principal)}`);
  for (const [type, value] of Object.entries(principal)) {
    if (!isStringOrStrings(value) || asList(value).length === 0)
      throw malformed(`Invalid principal in policy: "${type}":${JSON.stringify(value)}`);
    for (const id of asList(value)) {
      const invalid = () => malformed(`Invalid principal in policy: "${type}":"${id}"`);
      switch (type) {
        case "AWS":
          if (id === "*") break;
          if (!AWS_PRINCIPAL.test(id)) throw invalid();
          // IAM resolves role principals to their unique ids, so the role must exist.
          // A role created moments ago may not have propagated that far yet.
          if (/^arn:aws:iam::\d{12}:role\//.test(id) && (!findRoleByArn(world, id) || !propagated(world, id, "principal"))) throw invalid();
          break;
        case "Service":
          if (!/^[a-z0-9][a-z0-9.-]*$/.test(id)) throw invalid();
          break;
        case "Federated":
          checkFederated(id, world);
          break;
        case "CanonicalUser":
          if (id.trim() === "") throw invalid();
          break;
        default:
          throw malformed(`Invalid principal in policy: "${type}":"${id}"`);
      }
    }
  }
}

const OIDC_PROVIDER_ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/.+$/;
const SAML_PROVIDER_ARN = /^arn:aws:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * A Federated principal is an identity provider's domain (accounts.google.com,
 * cognito-identity.amazonaws.com, …), a SAML provider ARN, or the ARN of an OpenID Connect
 * provider, which IAM resolves like a role principal: it must exist.
 */
function checkFederated(id: string, world: World): void {
  const oidc = OIDC_PROVIDER_ARN.exec(id);
  const exists = oidc !== null && world.accounts.has(oidc[1]!) && iamState(world, oidc[1]!).oidcProviders.has(id);
  if (exists || SAML_PROVIDER_ARN.test(id) || (oidc === null && DOMAIN.test(id))) return;
  throw malformed("Federated principals must be valid domain names or SAML metadata ARNs");
}
