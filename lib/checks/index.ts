// The judgment engine's public surface. Pure: no Prisma, no Next, no node: imports.
export type { CheckDraft, CheckService, CheckVirtualHost, CheckAccessRule, CheckMonitor, CheckBackupPath, Viewer } from "./input";
export { checkDraft, blockingFindings, findingsFor, type Finding } from "./findings";
export type { CheckOptions } from "./context";
export { FINDING_CODES, codesMarkdown, type FindingCode, type Severity } from "./codes";
export { PROTECTED_SERVICES } from "./areas/lockout";
export { simulate, matrix, diffMatrix, personaUser, PERSONAS, OUTSIDE_IP } from "./simulator";
export type { SimulatorQuestion, SimulatorAnswer, Persona, MatrixCell, MatrixRow, MatrixChange, MatrixOptions } from "./simulator";
export { decide, createAccessControl, outcomeFor, POLICIES } from "./authelia/engine";
export type { AutheliaRule, AccessRequest, RequestUser, Decision, RuleMiss, MissReason, Outcome, Policy, AccessControl } from "./authelia/engine";
export { toAutheliaRules, orderedRules, draftAccessControl, autheliaDomain, fullHost } from "./authelia/homey";
export { resourceProblem, compilePattern } from "./authelia/regex";
export { AUTHELIA_METHODS, methodProblem, methodsProblem, subjectProblem, networkProblem, type AutheliaMethod } from "./authelia/syntax";
export { checkDraftFromSnapshot } from "./from-snapshot";
export { withEntity, badgesFor, NEW_ENTITY_ID, type CheckEntities, type RowBadge } from "./substitute";
