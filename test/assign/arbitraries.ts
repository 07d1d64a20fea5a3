import fc from 'fast-check';
import type { AssignmentInstance, AssignmentPair } from '../../src/assign/types.js';

/** Scores on a coarse grid, so ties (broken by id) happen often. */
const score = fc.integer({ min: 0, max: 4 }).map((n) => n / 4);

/** Small random instances: up to `maxSubjects` × `maxTargets`, capacities 0–3, incomplete lists. */
export function instanceArb(maxSubjects = 6, maxTargets = 4): fc.Arbitrary<AssignmentInstance> {
  return fc
    .record({
      nSubjects: fc.integer({ min: 0, max: maxSubjects }),
      nTargets: fc.integer({ min: 0, max: maxTargets }),
    })
    .chain(({ nSubjects, nTargets }) =>
      fc
        .record({
          capacities: fc.array(fc.integer({ min: 0, max: 3 }), {
            minLength: nTargets,
            maxLength: nTargets,
          }),
          cells: fc.array(
            fc.option(fc.record({ subjectScore: score, targetScore: score, score }), { freq: 3 }),
            { minLength: nSubjects * nTargets, maxLength: nSubjects * nTargets },
          ),
        })
        .map(({ capacities, cells }) => {
          const subjects = Array.from({ length: nSubjects }, (_, i) => `p${i}`);
          const targets = capacities.map((capacity, j) => ({ id: `i${j}`, capacity }));
          const pairs: AssignmentPair[] = [];
          cells.forEach((cell, k) => {
            if (cell === null) return;
            pairs.push({
              subjectId: subjects[Math.floor(k / nTargets)]!,
              targetId: targets[k % nTargets]!.id,
              ...cell,
            });
          });
          return { subjects, targets, pairs };
        }),
    );
}

/** The same instance with every list reversed: same problem, different input order. */
export function reversed(instance: AssignmentInstance): AssignmentInstance {
  return {
    subjects: instance.subjects.slice().reverse(),
    targets: instance.targets.slice().reverse(),
    pairs: instance.pairs.slice().reverse(),
  };
}

/** Maximum total score over every feasible assignment, by exhaustive search. */
export function bruteForceOptimum(instance: AssignmentInstance): number {
  const load = new Map(instance.targets.map((t) => [t.id, 0]));
  const capacity = new Map(instance.targets.map((t) => [t.id, t.capacity]));
  const bySubject = instance.subjects.map((s) => instance.pairs.filter((p) => p.subjectId === s));
  let best = 0;
  const go = (i: number, total: number) => {
    if (i === bySubject.length) {
      best = Math.max(best, total);
      return;
    }
    go(i + 1, total);
    for (const p of bySubject[i]!) {
      const used = load.get(p.targetId)!;
      if (used >= capacity.get(p.targetId)!) continue;
      load.set(p.targetId, used + 1);
      go(i + 1, total + p.score);
      load.set(p.targetId, used);
    }
  };
  go(0, 0);
  return best;
}

/** Checks that an assignment respects capacities and eligibility; returns the problems. */
export function feasibilityProblems(
  instance: AssignmentInstance,
  assignments: readonly { subjectId: string; targetId: string }[],
): string[] {
  const problems: string[] = [];
  const eligible = new Set(instance.pairs.map((p) => `${p.subjectId}\u0000${p.targetId}`));
  const load = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of assignments) {
    if (seen.has(a.subjectId)) problems.push(`${a.subjectId} twice`);
    seen.add(a.subjectId);
    if (!eligible.has(`${a.subjectId}\u0000${a.targetId}`))
      problems.push(`${a.subjectId}→${a.targetId} ineligible`);
    load.set(a.targetId, (load.get(a.targetId) ?? 0) + 1);
  }
  for (const t of instance.targets)
    if ((load.get(t.id) ?? 0) > t.capacity) problems.push(`${t.id} over capacity`);
  return problems;
}

/**
 * Exhaustive stability check, independent of the library's checker: for every eligible pair,
 * would both sides rather be together?
 */
export function naiveBlockingPairs(
  instance: AssignmentInstance,
  assignments: readonly { subjectId: string; targetId: string }[],
): string[] {
  const pairOf = (s: string, t: string) =>
    instance.pairs.find((p) => p.subjectId === s && p.targetId === t)!;
  // a ranks before b in the subject's (target's) list.
  const subjectPrefers = (s: string, a: string, b: string) => {
    const pa = pairOf(s, a);
    const pb = pairOf(s, b);
    return pa.subjectScore > pb.subjectScore || (pa.subjectScore === pb.subjectScore && a < b);
  };
  const targetPrefers = (t: string, a: string, b: string) => {
    const pa = pairOf(a, t);
    const pb = pairOf(b, t);
    return pa.targetScore > pb.targetScore || (pa.targetScore === pb.targetScore && a < b);
  };
  const current = new Map(assignments.map((a) => [a.subjectId, a.targetId]));
  const out: string[] = [];
  for (const p of instance.pairs) {
    const mine = current.get(p.subjectId);
    if (mine === p.targetId) continue;
    if (mine !== undefined && !subjectPrefers(p.subjectId, p.targetId, mine)) continue;
    const held = assignments.filter((a) => a.targetId === p.targetId).map((a) => a.subjectId);
    const cap = instance.targets.find((t) => t.id === p.targetId)!.capacity;
    if (held.length < cap || held.some((h) => targetPrefers(p.targetId, p.subjectId, h)))
      out.push(`${p.subjectId}→${p.targetId}`);
  }
  return out.sort();
}

/**
 * Maximum total score by an independent method: the instance made a square assignment
 * problem (each target repeated once per place, each subject given a private "stays out"
 * column at 0, dummy rows to square it) and solved by the dense O(n³) Hungarian algorithm
 * (Kuhn–Munkres with potentials, as in the textbooks), minimising −score.
 */
export function hungarianOptimum(instance: AssignmentInstance): number {
  const subjects = instance.subjects;
  const slots = instance.targets.flatMap((t) => Array.from({ length: t.capacity }, () => t.id));
  const n = Math.max(subjects.length, 1) + slots.length;
  const score = new Map(instance.pairs.map((p) => [`${p.subjectId}\u0000${p.targetId}`, p.score]));
  // cost[i][j]: rows are subjects then dummy rows; columns are slots then "stays out" columns.
  const FORBIDDEN = 1e9;
  const cost = (i: number, j: number): number => {
    if (i >= subjects.length) return 0;
    if (j >= slots.length) return j - slots.length === i ? 0 : FORBIDDEN;
    const w = score.get(`${subjects[i]}\u0000${slots[j]}`);
    return w === undefined || w <= 0 ? FORBIDDEN : -w;
  };
  // 1-based Hungarian (e-maxx formulation).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i < subjects.length && j - 1 < slots.length) {
      const c = cost(i, j - 1);
      if (c < FORBIDDEN) total -= c;
    }
  }
  return total;
}

/**
 * `pairs` (of `instance`, in the order given) as the typed pair columns of
 * `compileAssignmentColumns`, subjects and targets numbered by their places in the instance.
 */
export function pairColumns(instance: AssignmentInstance, pairs: readonly AssignmentPair[]) {
  const sIdx = new Map(instance.subjects.map((id, i) => [id, i]));
  const tIdx = new Map(instance.targets.map((t, i) => [t.id, i]));
  return {
    subject: Int32Array.from(pairs, (p) => sIdx.get(p.subjectId)!),
    target: Int32Array.from(pairs, (p) => tIdx.get(p.targetId)!),
    subjectScore: Float64Array.from(pairs, (p) => p.subjectScore),
    targetScore: Float64Array.from(pairs, (p) => p.targetScore),
    score: Float64Array.from(pairs, (p) => p.score),
  };
}
