import { booleanOption, readOptions } from '../util/options.js';
import type { CompiledAssignment, SubjectPairs } from './compile.js';
import { preferenceLists } from './compile.js';
import type { Assignment, AssignmentResult } from './types.js';

/** {@link AssignmentOptions} after validation. */
export interface ResolvedAssignmentOptions {
  includePreferences: boolean;
}

/**
 * Checks the options of `stableAssignment` and `optimalAssignment`: only `includePreferences`
 * (a boolean, default `true`).
 *
 * @throws `OptionError` on an unknown key (with a did-you-mean) or a non-boolean.
 */
export function readAssignmentOptions(options: unknown): ResolvedAssignmentOptions {
  const o = readOptions(options, ['includePreferences']);
  return { includePreferences: booleanOption(o.includePreferences, 'includePreferences', true) };
}

/**
 * Turns a subject → pair vector (-1 = unassigned) into a result, in subject-id order. `pairs`
 * are the columns the pair numbers refer to: the canonical `pairTarget` and `score`, or the
 * optimal assignment's {@link SubjectPairs}.
 *
 * @internal
 */
export function toResult(
  c: CompiledAssignment,
  assignedPair: Int32Array,
  pairs: SubjectPairs,
  options: ResolvedAssignmentOptions,
): AssignmentResult {
  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  let totalScore = 0;
  for (let s = 0; s < c.subjectIds.length; s++) {
    const p = assignedPair[s]!;
    if (p < 0) {
      unassigned.push(c.subjectIds[s]!);
      continue;
    }
    const score = pairs.score[p]!;
    totalScore += score;
    assignments.push({
      subjectId: c.subjectIds[s]!,
      targetId: c.targetIds[pairs.target[p]!]!,
      score,
    });
  }
  const result: AssignmentResult = { assignments, unassigned, totalScore };
  if (options.includePreferences) result.preferences = preferenceLists(c);
  return result;
}
