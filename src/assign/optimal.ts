import type { CompiledAssignment } from './compile.js';
import { ensureCompiled, subjectPairs } from './compile.js';
import { IndexedMinHeap } from './heap.js';
import { sortGroupsByKeyDesc } from './sort.js';
import { ASSIGNMENT_SCORE_EPSILON } from './defaults.js';
import { readAssignmentOptions, toResult } from './result.js';
import type { AssignmentInstance, AssignmentOptions, AssignmentResult } from './types.js';

/**
 * Optimal assignment: the assignment of maximum total `score` under the capacities (each
 * subject to at most one target, each target at most `capacity` subjects), over the eligible
 * pairs only. It does not force a full matching: a subject is assigned, or moved, only when
 * that raises the total by more than {@link ASSIGNMENT_SCORE_EPSILON}, so pairs with score ≤ 0
 * are never used.
 *
 * A sparse shortest-augmenting-path solver (the Jonker–Volgenant family, as SciPy's LAPJVsp)
 * on the pair columns, with the capacities kept implicit: a target is one node holding up to
 * `capacity` subjects, not `capacity` copies. Subjects first take their best target while it
 * has room; each remaining subject then augments along the cheapest alternating path, found by
 * Dijkstra on reduced costs (binary heap over targets), which may move subjects already placed,
 * or drop one whose place is worth more to others. Dual prices keep every reduced cost ≥ 0, so
 * the result is optimal. O(S·E log T) worst case; typical events settle most subjects in the
 * first pass. The search runs in the canonical order of the compiled instance, ties by node
 * number, so the result does not depend on input order (among several optimal assignments one
 * is picked deterministically).
 *
 * Unlike {@link stableAssignment}, the result may have blocking pairs: it serves the event's
 * total fit, not each side's first choice.
 *
 * @param instance An instance, or one compiled by `compileAssignment`.
 * @example
 * ```ts
 * const { assignments, totalScore } = optimalAssignment({
 *   subjects: ['a', 'b'],
 *   targets: [{ id: 'x', capacity: 1 }, { id: 'y', capacity: 1 }],
 *   pairs: [
 *     { subjectId: 'a', targetId: 'x', subjectScore: 0.9, targetScore: 0.9, score: 0.9 },
 *     { subjectId: 'a', targetId: 'y', subjectScore: 0.8, targetScore: 0.8, score: 0.8 },
 *     { subjectId: 'b', targetId: 'x', subjectScore: 0.85, targetScore: 0.85, score: 0.85 },
 *   ],
 * });
 * // a → y, b → x: 1.65 (greedy a → x would leave b out: 0.9)
 * ```
 */
export function optimalAssignment(
  instance: AssignmentInstance | CompiledAssignment,
  options?: AssignmentOptions,
): AssignmentResult {
  const resolved = readAssignmentOptions(options);
  const c = ensureCompiled(instance);
  return toResult(c, maxWeightAssignment(c), subjectPairs(c), resolved);
}

/**
 * The core of {@link optimalAssignment}: the pair assigned to each subject (-1 = none),
 * numbered as in {@link subjectPairs}`(c)` (the caller's columns when the instance holds
 * them, so no canonical copy is made). Ties are broken by target number, never by a pair's
 * position within its subject, so the result is the same whatever order each subject's pairs
 * are in.
 *
 * Linear-programming view: maximise Σ score·x over the usable pairs, each subject ≤ 1, each
 * target ≤ capacity. Dual prices `u` (subjects) and `v` (targets), both ≥ 0, with
 * u[s] + v[t] ≥ score(s, t) on every usable pair; an assigned pair is tight, a target with
 * room has v = 0, a subject left out has u = 0. The reduced cost of a pair is
 * u[s] + v[t] − score ≥ 0. Each phase grows a shortest-path tree from one new subject over
 * reduced costs (a target's subjects are reached at the target's distance: their pairs are
 * tight), ending at the cheapest of: a target with room (cost = its distance), dropping a
 * subject of the tree (its distance + u), or leaving the new subject out (its u). Prices of the
 * tree then move by (D − distance), which keeps them feasible and makes the path tight.
 *
 * @internal
 */
export function maxWeightAssignment(
  c: CompiledAssignment,
  sortAfterScans = SORT_AFTER_SCANS,
): Int32Array {
  const S = c.subjectIds.length;
  const T = c.targetIds.length;
  const eps = ASSIGNMENT_SCORE_EPSILON;
  const { capacity } = c;
  const { target: pairTarget, score } = subjectPairs(c);

  // One pass over every subject's pairs: how many are usable, and each subject's best usable
  // pair (ties: the lower target). Usable pairs by subject
  // (CSR; compiled pairs are in (subject, target) order): when every pair is usable (the usual
  // case) the compiled columns are used as they are, as copying them costs more than the
  // search.
  const subjectStart = c.subjectStart;
  const bestEdge = new Int32Array(S).fill(-1);
  const u = new Float64Array(S);
  let usable = 0;
  for (let s = 0; s < S; s++) {
    let best = -1;
    let bestScore = 0;
    for (let p = subjectStart[s]!; p < subjectStart[s + 1]!; p++) {
      const w = score[p]!;
      if (!(w > eps && capacity[pairTarget[p]!]! > 0)) continue;
      usable++;
      if (best < 0 || w > bestScore || (w === bestScore && pairTarget[p]! < pairTarget[best]!)) {
        best = p;
        bestScore = w;
      }
    }
    bestEdge[s] = best;
    u[s] = best < 0 ? 0 : bestScore;
  }
  let start = subjectStart;
  let edgeTarget = pairTarget;
  let edgeScore = score;
  let edgePair: Int32Array | null = null;
  if (usable < score.length) {
    start = new Int32Array(S + 1);
    edgeTarget = new Int32Array(usable);
    edgeScore = new Float64Array(usable);
    edgePair = new Int32Array(usable);
    for (let s = 0, k = 0; s < S; s++) {
      const best = bestEdge[s]!;
      for (let p = subjectStart[s]!; p < subjectStart[s + 1]!; p++) {
        if (!(score[p]! > eps && capacity[pairTarget[p]!]! > 0)) continue;
        if (p === best) bestEdge[s] = k;
        edgeTarget[k] = pairTarget[p]!;
        edgeScore[k] = score[p]!;
        edgePair[k++] = p;
      }
      start[s + 1] = k;
    }
  }

  // Places: target t holds its subjects in slot[slotStart[t] .. slotStart[t] + load[t]).
  const slotStart = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) slotStart[t + 1] = slotStart[t]! + capacity[t]!;
  const slot = new Int32Array(slotStart[T]!);
  const load = new Int32Array(T);
  const slotOf = new Int32Array(S).fill(-1);
  const assignedEdge = new Int32Array(S).fill(-1);
  const v = new Float64Array(T);
  const place = (s: number, k: number, at: number) => {
    slot[at] = s;
    slotOf[s] = at;
    assignedEdge[s] = k;
  };

  // First pass: every subject on its best pair while it has room, subjects taken by their
  // best score, highest first (ties by subject number: a stable sort of subjects in number
  // order). Contested places go to the subjects that value them most, and a subject searched
  // for later meets prices that already reflect stronger demand, so its search stops early.
  let nOrdered = 0;
  const order = new Int32Array(S);
  for (let s = 0; s < S; s++) if (bestEdge[s]! >= 0) order[nOrdered++] = s;
  const byBest = order.subarray(0, nOrdered);
  sortGroupsByKeyDesc(byBest, Int32Array.of(0, nOrdered), u);
  const pending = new Int32Array(S);
  let nPending = 0;
  for (let i = 0; i < nOrdered; i++) {
    const s = byBest[i]!;
    const best = bestEdge[s]!;
    const t = edgeTarget[best]!;
    if (load[t]! < capacity[t]!) place(s, best, slotStart[t]! + load[t]!++);
    else pending[nPending++] = s;
  }

  // Then one shortest-path phase per remaining subject.
  // A pair's cost from a subject at distance ds is at least ds + u − score (prices are ≥ 0),
  // so a pair scoring too little to come under the limit is skipped unread. A subject
  // searched `sortAfterScans` times gets a copy of its pairs sorted by score, best first
  // (`byScore` the positions, with their targets and scores), whose scan stops at the first
  // such pair: the sort costs about a few scans, and subjects searched that often are
  // searched again and again (hundreds of times each in a matcher-scored event). Pages of
  // subjects never sorted are not touched.
  const byScore = new Int32Array(edgeTarget.length);
  const byScoreTarget = new Int32Array(edgeTarget.length);
  const byScoreScore = new Float64Array(edgeTarget.length);
  // Scans so far, up to `sortAfterScans` (then the subject's pairs are sorted).
  const sortAt = Math.min(255, Math.max(1, sortAfterScans));
  const scans = new Uint8Array(S);
  const heap = new IndexedMinHeap(T);
  const distT = new Float64Array(T).fill(Infinity);
  const predEdge = new Int32Array(T);
  const predSubject = new Int32Array(T);
  const touched = new Int32Array(T);
  // Settled targets and their distances; a settled target's distT is −∞, so the relaxation
  // test `d >= distT[t]` skips it without a separate flag.
  const settled = new Int32Array(T);
  const settledDist = new Float64Array(T);
  // Subjects of the tree in scan order (a queue: a settled target's subjects wait here).
  const scanned = new Int32Array(S);
  const distS = new Float64Array(S);
  for (let i = 0; i < nPending; i++) {
    const s0 = pending[i]!;
    let u0 = 0;
    for (let k = start[s0]!; k < start[s0 + 1]!; k++) {
      const gain = edgeScore[k]! - v[edgeTarget[k]!]!;
      if (gain > u0) u0 = gain;
    }
    u[s0] = u0;
    // The cheapest end so far. Leaving the new subject out (cost u0) wins unless a path is
    // cheaper by more than ε; later ends must be strictly cheaper than the one found first.
    let endKind = LEAVE_OUT;
    let endNode = s0;
    let limit = u0 - eps;
    // The subject whose pair reached the end target (−1: the end is not a target).
    let endFrom = -1;
    let nTouched = 0;
    let nSettled = 0;
    let nScanned = 1;
    scanned[0] = s0;
    distS[s0] = 0;
    for (let next = 0; ;) {
      while (next < nScanned) {
        const s = scanned[next++]!;
        const ds = distS[s]!;
        const us = u[s]!;
        if (s !== s0 && ds + us < limit) {
          endKind = DROP;
          endNode = s;
          limit = ds + us;
          endFrom = -1;
        }
        if (scans[s]! < sortAt && ++scans[s]! === sortAt) {
          sortGroupsByKeyDesc(byScore, Int32Array.of(start[s]!, start[s + 1]!), edgeScore, true);
          for (let i = start[s]!; i < start[s + 1]!; i++) {
            byScoreTarget[i] = edgeTarget[byScore[i]!]!;
            byScoreScore[i] = edgeScore[byScore[i]!]!;
          }
        }
        const sorted = scans[s] === sortAt;
        const pairTargets = sorted ? byScoreTarget : edgeTarget;
        const pairScores = sorted ? byScoreScore : edgeScore;
        for (let i = start[s]!; i < start[s + 1]!; i++) {
          const w = pairScores[i]!;
          // Cannot come under the limit (the bound is computed as d is, so a pair at exactly
          // the limit is still read); sorted, no later pair can either.
          if (ds + (us - w) > limit) {
            if (sorted) break;
            continue;
          }
          const t = pairTargets[i]!;
          const reduced = us + v[t]! - w;
          const d = reduced > 0 ? ds + reduced : ds;
          // A target with room as cheap as the one this subject's pairs reached already: the
          // lower target, as if the subject's pairs were read in target order.
          const tie = d === limit && endFrom === s && t < endNode && load[t]! < capacity[t]!;
          if ((d >= limit && !tie) || d >= distT[t]!) continue;
          if (distT[t] === Infinity) touched[nTouched++] = t;
          distT[t] = d;
          predEdge[t] = sorted ? byScore[i]! : i;
          predSubject[t] = s;
          if (load[t]! < capacity[t]!) {
            endKind = TARGET;
            endNode = t;
            limit = d;
            endFrom = s;
          } else heap.pushOrDecrease(t, d);
        }
      }
      // The closest full target below the limit joins the tree with the subjects it holds.
      if (heap.size === 0 || heap.key[heap.peek()]! >= limit) break;
      const t = heap.pop();
      const dt = distT[t]!;
      distT[t] = -Infinity;
      settledDist[nSettled] = dt;
      settled[nSettled++] = t;
      for (let j = slotStart[t]!; j < slotStart[t]! + load[t]!; j++) {
        const held = slot[j]!;
        distS[held] = dt;
        scanned[nScanned++] = held;
      }
    }

    const D = endKind === LEAVE_OUT ? u0 : limit;
    for (let j = 0; j < nSettled; j++) {
      const dt = settledDist[j]!;
      if (D > dt) v[settled[j]!]! += D - dt;
    }
    for (let j = 0; j < nScanned; j++) {
      const s = scanned[j]!;
      u[s] = D > distS[s]! ? Math.max(0, u[s]! - (D - distS[s]!)) : u[s]!;
    }
    if (endKind !== LEAVE_OUT) {
      // Walk the path back to s0, each subject taking the place the next one frees.
      let t: number;
      let free: number;
      if (endKind === TARGET) {
        t = endNode;
        free = slotStart[t]! + load[t]!++;
      } else {
        t = edgeTarget[assignedEdge[endNode]!]!;
        free = slotOf[endNode]!;
        slotOf[endNode] = -1;
        assignedEdge[endNode] = -1;
        u[endNode] = 0;
      }
      for (;;) {
        const s = predSubject[t]!;
        const previous = assignedEdge[s]!;
        const freed = slotOf[s]!;
        place(s, predEdge[t]!, free);
        if (s === s0) break;
        t = edgeTarget[previous]!;
        free = freed;
      }
    } else u[s0] = 0;
    for (let j = 0; j < nTouched; j++) distT[touched[j]!] = Infinity;
    heap.clear();
  }
  if (edgePair)
    for (let s = 0; s < S; s++)
      if (assignedEdge[s]! >= 0) assignedEdge[s] = edgePair[assignedEdge[s]!]!;
  return assignedEdge;
}

/**
 * Scans of a subject's pairs in the search before they are sorted by score (see
 * maxWeightAssignment). Sorting n pairs costs about log2 n ≈ 8 scans of them, so sorting
 * after 32 adds at most a quarter to what the subject's scans cost already: a subject
 * searched a few times (most of a random 1 M-pair instance: 44,000 scans over 10,000
 * subjects) is not sorted, one searched hundreds of times (a matcher-scored event: 3.9 M
 * scans) soon is. In [1, 255].
 */
const SORT_AFTER_SCANS = 32;

/** How a search phase ends: the new subject stays out, takes a target with room, or drops one. */
const LEAVE_OUT = 0;
const TARGET = 1;
const DROP = 2;
