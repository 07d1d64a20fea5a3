/**
 * Assignment of projects to investors with limited capacity ("one month, one industrial chain"
 * matchmaking events): pure algorithms over a generic instance, a blocking-pair checker, and
 * the {@link assign} entry point over Project and Investor records.
 *
 * @module
 */
export type {
  Assignment,
  AssignmentInstance,
  AssignmentOptions,
  AssignmentPair,
  AssignmentResult,
  AssignmentTarget,
  BlockingPair,
  PreferenceLists,
} from './types.js';
export {
  compileAssignment,
  compileAssignmentColumns,
  type AssignmentPairColumns,
  type ColumnarAssignmentInstance,
  type CompiledAssignment,
} from './compile.js';
export { stableAssignment } from './stable.js';
export { optimalAssignment } from './optimal.js';
export { findBlockingPairs } from './blocking.js';
export {
  assign,
  type AssignMethod,
  type AssignOptions,
  type AssignOutput,
  type ProjectInvestorPair,
  type ProjectInvestorScore,
} from './assign.js';
export { ASSIGNMENT_SCORE_EPSILON } from './defaults.js';
