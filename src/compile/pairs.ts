/**
 * Every eligible pair of many subjects with a compiled catalogue, scored in bulk: what an
 * assignment event needs (10,000 projects × 2,000 investors), as columns. Per subject, the
 * catalogue engine's rule bitsets and factor rows give the eligible targets and their factor
 * values; the profile's strategy kernel — the arithmetic every ranking and explanation runs —
 * gives each pair's score and side scores. No per-pair objects, no explanations: the scores
 * equal those of a full ranking (`k: Infinity`) pair for pair.
 *
 * @module
 */
import type { SubjectVector } from '../engine/types.js';
import { kernelOutput } from '../engine/strategies/define.js';
import type { RankedCandidate } from './reference.js';
import type { FastCatalogue } from './fast.js';

/**
 * Scored eligible pairs as columns: pair i joins subject `subject[i]` (its index in the list
 * given) and target `target[i]` (its row in the catalogue, which is in id order). Pairs come
 * subject by subject, each subject's targets in row order.
 */
export interface PairScores {
  subject: Int32Array;
  target: Int32Array;
  /** The subject's side of the pair (`sides.subject`; the score for a one-sided strategy). */
  subjectScore: Float64Array;
  /** The target's side of the pair (`sides.target`; the score for a one-sided strategy). */
  targetScore: Float64Array;
  /** The pair's score. */
  score: Float64Array;
}

/**
 * Subjects scored before the columns' size is projected from the pairs per subject so far
 * (fewer: the columns double). A sample this size keeps one unusual subject from setting it.
 */
const PROJECTION_SAMPLE = 64;

/** Headroom on a projected size (×1.1), so a slightly busier second half fits without growing. */
const PROJECTION_HEADROOM = 1.1;

/**
 * The least a growth multiplies the capacity by (×1.25) when the projection is already
 * exceeded: amortised O(1) copies per pair, with less slack than doubling.
 */
const MIN_GROWTH = 1.25;

/**
 * Growable {@link PairScores} columns. Growing allocates and fills new columns (fresh memory,
 * the main cost of growing), so they grow to the size projected for the whole run once a
 * sample of subjects is scored: an event of 2.6 M pairs grows once instead of four times
 * (≈ 90 MB of columns allocated instead of ≈ 290 MB).
 */
class PairScoreColumns {
  /** Pairs written so far. */
  private count = 0;
  private cols: PairScores;
  constructor(capacity: number) {
    this.cols = allocate(Math.max(16, capacity));
  }
  /** How many pairs the columns hold. */
  get size(): number {
    return this.count;
  }
  /**
   * Room for `extra` more pairs, `subjectsDone` of `subjectsTotal` subjects scored with them;
   * returns the columns to write pairs `size .. size + extra` into ({@link written} then counts
   * them).
   */
  reserve(extra: number, subjectsDone: number, subjectsTotal: number): PairScores {
    const needed = this.count + extra;
    const capacity = this.cols.subject.length;
    if (needed <= capacity) return this.cols;
    const projected =
      subjectsDone >= PROJECTION_SAMPLE
        ? Math.ceil((needed / subjectsDone) * subjectsTotal * PROJECTION_HEADROOM)
        : 2 * capacity;
    const grown = allocate(Math.max(needed, projected, Math.ceil(capacity * MIN_GROWTH)));
    const n = this.count;
    grown.subject.set(this.cols.subject.subarray(0, n));
    grown.target.set(this.cols.target.subarray(0, n));
    grown.subjectScore.set(this.cols.subjectScore.subarray(0, n));
    grown.targetScore.set(this.cols.targetScore.subarray(0, n));
    grown.score.set(this.cols.score.subarray(0, n));
    this.cols = grown;
    return grown;
  }
  /** Counts `n` pairs written at `size ..` into the columns {@link reserve} returned. */
  written(n: number): void {
    this.count += n;
  }
  push(
    subject: number,
    target: number,
    subjectSide: number,
    targetSide: number,
    score: number,
    subjectsDone: number,
    subjectsTotal: number,
  ) {
    this.reserve(1, subjectsDone, subjectsTotal);
    const i = this.count++;
    this.cols.subject[i] = subject;
    this.cols.target[i] = target;
    this.cols.subjectScore[i] = subjectSide;
    this.cols.targetScore[i] = targetSide;
    this.cols.score[i] = score;
  }
  /** The columns, trimmed to the pairs pushed (views, no copy). */
  finish(): PairScores {
    const n = this.count;
    const c = this.cols;
    return {
      subject: c.subject.subarray(0, n),
      target: c.target.subarray(0, n),
      subjectScore: c.subjectScore.subarray(0, n),
      targetScore: c.targetScore.subarray(0, n),
      score: c.score.subarray(0, n),
    };
  }
}

function allocate(n: number): PairScores {
  return {
    subject: new Int32Array(n),
    target: new Int32Array(n),
    subjectScore: new Float64Array(n),
    targetScore: new Float64Array(n),
    score: new Float64Array(n),
  };
}

/**
 * Scores every eligible pair of `subjects` with the catalogue `targets` (sorted by id). Runs
 * on the columnar path when there is one (`fast`), its strategy has a kernel and the profile
 * has no re-rankers (they see whole rankings); a subject the fast path cannot score (a factor
 * returned an invalid value) goes through `rankAll`, the ranker's full ranking, which also
 * reports what went wrong. `rankAll` serves every subject when there is no fast path.
 *
 * @param rankAll - the full ranking of one subject (`k: Infinity`), best first
 */
export function scoreEligiblePairs<S extends { id: string }, T extends { id: string }>(
  fast: FastCatalogue<S, T> | null,
  targets: readonly T[],
  subjects: readonly S[],
  rankAll: (subject: S) => RankedCandidate[],
): PairScores {
  const out = new PairScoreColumns(subjects.length * 16);
  const kernel = fast?.plan.strategy ?? null;
  const columnar = fast !== null && kernel !== null && fast.plan.profile.rerankers.length === 0;
  let rowOf: Map<string, number> | null = null;
  const nF = fast?.plan.factors.length ?? 0;
  const values = new Float64Array(nF);
  const sideScores = kernel ? kernelOutput(nF, kernel.sortKeyLength) : null;
  for (let s = 0; s < subjects.length; s++) {
    const subject = subjects[s]!;
    if (columnar) {
      const { engine, plan } = fast;
      const { codes, numbers, vectors } = engine.encode(subject);
      const {
        n,
        rows,
        values: matrix,
        stride,
      } = engine.candidates(codes, numbers, vectors as (SubjectVector | null)[]);
      if (n >= 0) {
        const { weights, sides } = plan;
        const cols = out.reserve(n, s + 1, subjects.length);
        let k = out.size;
        for (let i = 0; i < n; i++, k++) {
          for (let f = 0; f < nF; f++) values[f] = matrix[f * stride + i]!;
          cols.subject[k] = s;
          cols.target[k] = rows[i]!;
          if (kernel.twoSided) {
            const score = kernel.score(values, weights, sides, sideScores!);
            cols.subjectScore[k] = sideScores!.sides[0]!;
            cols.targetScore[k] = sideScores!.sides[1]!;
            cols.score[k] = score;
          } else {
            const score = kernel.score(values, weights, sides);
            cols.subjectScore[k] = score;
            cols.targetScore[k] = score;
            cols.score[k] = score;
          }
        }
        out.written(n);
        continue;
      }
    }
    rowOf ??= new Map(targets.map((t, i) => [t.id, i]));
    // A ranking is best first; the columns want each subject's targets in row order.
    const ranked = rankAll(subject)
      .map((m) => ({ m, row: rowOf!.get(m.id)! }))
      .sort((a, b) => a.row - b.row);
    for (const { m, row } of ranked) {
      const subjectSide = m.sides?.subject ?? m.score;
      const targetSide = m.sides?.target ?? m.score;
      out.push(s, row, subjectSide, targetSide, m.score, s + 1, subjects.length);
    }
  }
  return out.finish();
}
