import type { CompiledAssignment } from './compile.js';
import { canonicalPairs, ensureCompiled } from './compile.js';
import { readAssignmentOptions, toResult } from './result.js';
import type { AssignmentInstance, AssignmentOptions, AssignmentResult } from './types.js';

/**
 * Stable assignment by project-proposing deferred acceptance (Gale–Shapley for many-to-one
 * markets with capacities, the hospitals/residents problem; Gale & Shapley 1962, Roth 1984).
 *
 * Each subject ranks its eligible targets by `subjectScore` (higher first, ties by target id);
 * each target ranks its eligible subjects by `targetScore` (ties by subject id). Lists may be
 * incomplete: an absent pair is unacceptable to both. Free subjects propose down their lists;
 * a target holds its best `capacity` proposals so far and rejects the rest. The result is the
 * subject-optimal stable assignment: no eligible pair would both rather be together (see
 * `findBlockingPairs`), and every subject gets its best target among all stable assignments.
 * It is unique for the given (strict) preferences, so it does not depend on input order.
 *
 * Runs in O(|pairs|) after compiling (O(|pairs| log L) to sort the lists): each subject
 * proposes to each target at most once, and a full target's "worst held" pointer only moves
 * up its list.
 *
 * @param instance An instance, or one compiled by `compileAssignment` (to reuse the encoding).
 * @example
 * ```ts
 * const { assignments, unassigned } = stableAssignment({
 *   subjects: ['p1', 'p2'],
 *   targets: [{ id: 'fund', capacity: 1 }],
 *   pairs: [
 *     { subjectId: 'p1', targetId: 'fund', subjectScore: 0.9, targetScore: 0.4, score: 0.55 },
 *     { subjectId: 'p2', targetId: 'fund', subjectScore: 0.8, targetScore: 0.7, score: 0.75 },
 *   ],
 * });
 * // the fund prefers p2: assignments = [{ subjectId: 'p2', targetId: 'fund', score: 0.75 }]
 * ```
 */
export function stableAssignment(
  instance: AssignmentInstance | CompiledAssignment,
  options?: AssignmentOptions,
): AssignmentResult {
  const resolved = readAssignmentOptions(options);
  const c = ensureCompiled(instance);
  return toResult(c, deferredAcceptance(c), canonicalPairs(c), resolved);
}

/**
 * The core of {@link stableAssignment}: the pair assigned to each subject (-1 = none), as
 * canonical pair numbers.
 *
 * @internal
 */
export function deferredAcceptance(c: CompiledAssignment): Int32Array {
  const S = c.subjectIds.length;
  const T = c.targetIds.length;
  const {
    subjectStart,
    subjectPrefs,
    targetStart,
    targetPrefs,
    pairTarget,
    pairSubject,
    pairTargetRank,
    capacity,
  } = c;
  const nextChoice = new Int32Array(S);
  const assigned = new Int32Array(S).fill(-1);
  // held[pos] = 1 when the target holds the subject at position `pos` of targetPrefs.
  const held = new Uint8Array(targetPrefs.length);
  const count = new Int32Array(T);
  const worst = new Int32Array(T).fill(-1);
  const free = new Int32Array(S);
  let top = 0;
  for (let s = S - 1; s >= 0; s--) free[top++] = s;

  while (top > 0) {
    const s = free[--top]!;
    const end = subjectStart[s + 1]! - subjectStart[s]!;
    while (nextChoice[s]! < end) {
      const p = subjectPrefs[subjectStart[s]! + nextChoice[s]!++]!;
      const t = pairTarget[p]!;
      const cap = capacity[t]!;
      if (cap === 0) continue;
      const pos = targetStart[t]! + pairTargetRank[p]!;
      if (count[t]! < cap) {
        held[pos] = 1;
        count[t]!++;
        if (pos > worst[t]!) worst[t] = pos;
        assigned[s] = p;
        break;
      }
      let w = worst[t]!;
      if (pos > w) continue; // the target prefers everyone it holds
      held[w] = 0;
      const rejected = pairSubject[targetPrefs[w]!]!;
      assigned[rejected] = -1;
      free[top++] = rejected;
      held[pos] = 1;
      assigned[s] = p;
      // A full target stays full, so its worst held subject only moves up the list.
      while (!held[w]) w--;
      worst[t] = w;
      break;
    }
  }
  return assigned;
}
