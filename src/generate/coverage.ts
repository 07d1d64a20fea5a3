/**
 * Guarantees that every target (product, investor) has at least `min` eligible subjects
 * (enterprises, projects) among a scanned set, by minimally editing the subjects that fail the
 * fewest rules. An edit is rejected when it would drop another target below `min`, and each
 * subject is edited at most once, so the loop terminates and distributions move little.
 *
 * @module
 */
import type { Random } from '../util/random.js';

/** The pieces of one coverage problem. */
export interface CoverageProblem<S, T> {
  /** Subjects scanned (a sample of the market at seed scale). */
  subjects: S[];
  targets: readonly T[];
  eligible(subject: S, target: T): boolean;
  /** Number of failing rules (repair cost) of a pair. */
  failures(subject: S, target: T): number;
  /** A deep copy of a subject. */
  clone(subject: S): S;
  /** Edits a subject in place to make it eligible for the target. */
  conform(rng: Random, subject: S, target: T): void;
  /** Stores the repaired subject back (the caller writes it into the market). */
  replace(index: number, subject: S): void;
}

/** What {@link ensureCoverage} did. */
export interface CoverageReport {
  /** Subjects edited. */
  repairs: number;
  /** Repairs tried (accepted or rejected). */
  attempts: number;
  /** Targets that started below `min`. */
  deficientTargets: number;
  /** Minimum eligible count over targets after repair. */
  minEligible: number;
}

/** Runs the repair loop; throws when a target cannot reach `min` (a generator bug). */
export function ensureCoverage<S, T>(
  rng: Random,
  problem: CoverageProblem<S, T>,
  min: number,
): CoverageReport {
  const { subjects, targets } = problem;
  const nS = subjects.length;
  const nT = targets.length;
  const matrix = new Uint8Array(nS * nT);
  const counts = new Int32Array(nT);
  for (let s = 0; s < nS; s++) {
    const subject = subjects[s]!;
    for (let t = 0; t < nT; t++) {
      if (problem.eligible(subject, targets[t]!)) {
        matrix[s * nT + t] = 1;
        counts[t]!++;
      }
    }
  }
  const pinned = new Uint8Array(nS);
  const row = new Uint8Array(nT);
  let repairs = 0;
  let attempts = 0;
  let deficientTargets = 0;
  for (let t = 0; t < nT; t++) {
    if (counts[t]! >= min) continue;
    deficientTargets++;
    const target = targets[t]!;
    const order: { s: number; key: number }[] = [];
    for (let s = 0; s < nS; s++) {
      if (pinned[s] || matrix[s * nT + t]) continue;
      order.push({ s, key: problem.failures(subjects[s]!, target) + rng.next() * 0.5 });
    }
    order.sort((a, b) => a.key - b.key || a.s - b.s);
    for (const { s } of order) {
      if (counts[t]! >= min) break;
      attempts++;
      const copy = problem.clone(subjects[s]!);
      problem.conform(rng, copy, target);
      if (!problem.eligible(copy, target)) continue;
      let ok = true;
      for (let j = 0; j < nT; j++) {
        row[j] = problem.eligible(copy, targets[j]!) ? 1 : 0;
        if (matrix[s * nT + j] && !row[j] && counts[j]! <= min) ok = false;
      }
      if (!ok) continue;
      for (let j = 0; j < nT; j++) {
        counts[j]! += row[j]! - matrix[s * nT + j]!;
        matrix[s * nT + j] = row[j]!;
      }
      subjects[s] = copy;
      problem.replace(s, copy);
      pinned[s] = 1;
      repairs++;
    }
    if (counts[t]! < min)
      throw new Error(`generateMarket: target #${t} has only ${counts[t]} eligible subjects`);
  }
  let minEligible = Number.POSITIVE_INFINITY;
  for (let t = 0; t < nT; t++) minEligible = Math.min(minEligible, counts[t]!);
  return { repairs, attempts, deficientTargets, minEligible: nT === 0 ? 0 : minEligible };
}
