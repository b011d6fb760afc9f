// Every resource kind orgctl knows, by family. Adding a kind is a folder under src/kinds/
// and a line here; nothing else in orgctl names a kind. Order matters only for reading:
// the organization first (it finds account ids by email for everyone else).
import { kindRegistry } from "../engine/kind.js";
import { appconfigFamily } from "./appconfig/family.js";
import { iamFamily } from "./iam/family.js";
import { organizationsFamily } from "./organizations/family.js";

export const KINDS = kindRegistry([organizationsFamily, iamFamily, appconfigFamily]);
