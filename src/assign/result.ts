import type { CompiledAssignment } from './compile.js';
import { preferenceLists } from './compile.js';
import type { Assignment, AssignmentOptions, AssignmentResult } from './types.js';

/**
 * Turns a subject → pair vector (-1 = unassigned) into a result, in subject-id order.
 *
 * @internal
 */
export function toResult(
  c: CompiledAssignment,
  assignedPair: Int32Array,
  options: AssignmentOptions,
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
    const score = c.score[p]!;
    totalScore += score;
    assignments.push({
      subjectId: c.subjectIds[s]!,
      targetId: c.targetIds[c.pairTarget[p]!]!,
      score,
    });
  }
  const result: AssignmentResult = { assignments, unassigned, totalScore };
  if (options.includePreferences ?? true) result.preferences = preferenceLists(c);
  return result;
}
