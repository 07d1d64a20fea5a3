/**
 * A hand-made query shared by the metric tests. Ranked by trec_eval's rule:
 *
 * | rank | doc | score | judgment      |
 * |------|-----|-------|---------------|
 * | 1    | x   | 0.9   | unjudged      |
 * | 2    | a   | 0.8   | 2 (relevant)  |
 * | 3    | c   | 0.7   | 0             |  c and b tie at 0.7: docid descending puts c first
 * | 4    | b   | 0.7   | 1 (relevant)  |
 * | 5    | e   | 0.5   | -1 (negative) |
 * | 6    | d   | 0.1   | 1 (relevant)  |
 *
 * Relevant judged documents: a, b, d (3); ideal gains 2, 1, 1.
 */
import { judgeRanking, rankDocuments, type JudgedRanking } from '../../src/eval/ranking.js';

export const SAMPLE_RUN = { x: 0.9, a: 0.8, b: 0.7, c: 0.7, e: 0.5, d: 0.1 };
export const SAMPLE_QRELS = { a: 2, b: 1, c: 0, d: 1, e: -1 };

export function sampleRanking(): JudgedRanking {
  return judgeRanking(rankDocuments(SAMPLE_RUN), SAMPLE_QRELS, 1);
}

/** A ranking from relevance values directly (unjudged = -1), with explicit judgments. */
export function rankingOf(rels: readonly number[], judgments: readonly number[]): JudgedRanking {
  const run: Record<string, number> = {};
  const qrels: Record<string, number> = {};
  rels.forEach((rel, i) => {
    const docid = `r${String(i).padStart(3, '0')}`;
    run[docid] = rels.length - i;
    if (rel !== -1) qrels[docid] = rel;
  });
  judgments.forEach((rel, i) => (qrels[`u${i}`] = rel));
  return judgeRanking(rankDocuments(run), qrels, 1);
}
