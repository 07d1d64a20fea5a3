import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';
import { arrayOption } from '../util/options.js';
import type { CompiledAssignment } from './compile.js';
import { compareIds, ensureCompiled } from './compile.js';
import type { AssignmentInstance, BlockingPair } from './types.js';

/**
 * Checks an assignment against an instance and returns every blocking pair: an eligible
 * subject–target pair where the subject is unassigned or prefers the target to its own, and the
 * target has a free place or prefers the subject to the worst subject it holds (preferences as
 * in `stableAssignment`: by the side's score, ties by id). An assignment is stable exactly when
 * the list is empty. Checks every pair: O(|pairs|). Sorted by subject id, then target id.
 *
 * @param assignment The `assignments` of a result (any objects with `subjectId` and `targetId`).
 * @throws {@link OptionError} (`assignment`) when the assignment is not feasible for the
 * instance: a pair that is not eligible, a subject assigned twice, a target over capacity.
 */
export function findBlockingPairs(
  instance: AssignmentInstance | CompiledAssignment,
  assignment: readonly { subjectId: string; targetId: string }[],
): BlockingPair[] {
  const c = ensureCompiled(instance);
  const assigned = assignedPairs(c, assignment);
  const T = c.targetIds.length;
  // Read once: some fields of a compiled instance are getters that build them on first read.
  const { pairSubject, pairTarget, pairSubjectRank, pairTargetRank, capacity } = c;
  const count = new Int32Array(T);
  const worstRank = new Int32Array(T).fill(-1);
  for (const p of assigned) {
    if (p < 0) continue;
    const t = pairTarget[p]!;
    count[t]!++;
    if (pairTargetRank[p]! > worstRank[t]!) worstRank[t] = pairTargetRank[p]!;
  }
  const out: BlockingPair[] = [];
  for (let p = 0; p < pairSubject.length; p++) {
    const s = pairSubject[p]!;
    const t = pairTarget[p]!;
    const current = assigned[s]!;
    if (current === p) continue;
    const subjectWants = current < 0 || pairSubjectRank[p]! < pairSubjectRank[current]!;
    if (!subjectWants) continue;
    const targetWants =
      count[t]! < capacity[t]! || (count[t]! > 0 && pairTargetRank[p]! < worstRank[t]!);
    if (targetWants) out.push({ subjectId: c.subjectIds[s]!, targetId: c.targetIds[t]! });
  }
  // Pairs are in (subject, target) order already; sort anyway to state the contract.
  return out.sort(
    (a, b) => compareIds(a.subjectId, b.subjectId) || compareIds(a.targetId, b.targetId),
  );
}

/** Maps an assignment to the pair of each subject (-1 = none), checking feasibility. */
function assignedPairs(
  c: CompiledAssignment,
  assignment: readonly { subjectId: string; targetId: string }[],
): Int32Array {
  const subjectIndex = new Map<string, number>();
  c.subjectIds.forEach((id, i) => subjectIndex.set(id, i));
  const assigned = new Int32Array(c.subjectIds.length).fill(-1);
  const load = new Int32Array(c.targetIds.length);
  for (const a of readAssignment(assignment)) {
    const s = subjectIndex.get(a.subjectId);
    if (s === undefined)
      throw new OptionError('assignment', `unknown subject ${describeValue(a.subjectId)}`);
    if (assigned[s]! >= 0)
      throw new OptionError(
        'assignment',
        `subject ${describeValue(a.subjectId)} is assigned twice`,
      );
    let pair = -1;
    for (let k = c.subjectStart[s]!; k < c.subjectStart[s + 1]!; k++) {
      const p = c.subjectPrefs[k]!;
      if (c.targetIds[c.pairTarget[p]!] === a.targetId) pair = p;
    }
    if (pair < 0)
      throw new OptionError(
        'assignment',
        `pair ${describeValue(a.subjectId)} → ${describeValue(a.targetId)} is not eligible`,
      );
    const t = c.pairTarget[pair]!;
    if (++load[t]! > c.capacity[t]!)
      throw new OptionError(
        'assignment',
        `target ${describeValue(a.targetId)} is over its capacity ${c.capacity[t]}`,
      );
    assigned[s] = pair;
  }
  return assigned;
}

/** The assignment's `{ subjectId, targetId }` entries, read defensively (other keys ignored). */
function readAssignment(assignment: unknown): { subjectId: string; targetId: string }[] {
  return arrayOption(assignment, 'assignment', (a, path) => {
    let subjectId: unknown;
    let targetId: unknown;
    try {
      if (a === null || typeof a !== 'object') throw new TypeError();
      ({ subjectId, targetId } = a as { subjectId?: unknown; targetId?: unknown });
    } catch {
      throw new OptionError(
        path,
        `${path} must be an object with subjectId and targetId, received ${describeValue(a)}`,
      );
    }
    if (typeof subjectId !== 'string' || typeof targetId !== 'string')
      throw new OptionError(path, `${path}: subjectId and targetId must be strings`);
    return { subjectId, targetId };
  });
}
