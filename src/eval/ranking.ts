/**
 * How a run's documents are put in order and judged, exactly as trec_eval does it
 * (`form_res_rels.c`), before any metric looks at them.
 *
 * @module
 */
import { getOwn } from './types.js';

/**
 * Relevance recorded for a retrieved document that the qrels do not mention. Like every
 * value below the relevance level it is non-relevant and carries no gain.
 */
export const UNJUDGED = -1;

/** A retrieved document and its score. */
export interface ScoredDocument {
  docid: string;
  score: number;
}

/**
 * trec_eval's order: score descending; equal scores are broken by document id in
 * **descending** byte order (`strcmp(p2->docno, p1->docno)` in `form_res_rels.c`), so of
 * two tied documents `d2` ranks before `d1`. Byte order of UTF-8 is code-point order, which
 * {@link compareCodePoints} implements. Any rank column in the run is ignored.
 */
export function compareTrecOrder(a: ScoredDocument, b: ScoredDocument): number {
  if (a.score > b.score) return -1;
  if (a.score < b.score) return 1;
  return compareCodePoints(b.docid, a.docid);
}

/** Compares strings by Unicode code point (the byte order of their UTF-8 encodings). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return 0;
}

/** Document ids of one query's results in trec_eval order, at most `maxDocs` of them. */
export function rankDocuments(
  results: Readonly<Record<string, number>>,
  maxDocs: number = Number.POSITIVE_INFINITY,
): string[] {
  const docs: ScoredDocument[] = Object.keys(results).map((docid) => ({
    docid,
    score: results[docid]!,
  }));
  docs.sort(compareTrecOrder);
  const kept = docs.length > maxDocs ? docs.slice(0, maxDocs) : docs;
  return kept.map((d) => d.docid);
}

/**
 * One query's ranking seen through its judgments: everything a metric needs. Built by
 * {@link judgeRanking}; metrics never see document ids.
 */
export interface JudgedRanking {
  /**
   * Relevance of each retrieved document in rank order (index 0 is rank 1): the judgment
   * when judged, {@link UNJUDGED} otherwise.
   */
  readonly rels: readonly number[];
  /** Judged documents with relevance ≥ `relevanceLevel`, retrieved or not (trec_eval `num_rel`). */
  readonly numRelevant: number;
  /**
   * Gains of the ideal ranking: every positive judgment of the query, highest first
   * (trec_eval builds the ideal DCG from all judged documents, not only retrieved ones).
   */
  readonly idealGains: readonly number[];
  /** Smallest judgment that counts as relevant. */
  readonly relevanceLevel: number;
}

/**
 * Judges a ranked list of document ids against one query's qrels (`undefined` when the
 * query has none, as for a query evaluated only under `completeQueries`).
 */
export function judgeRanking(
  ranked: readonly string[],
  judgments: Readonly<Record<string, number>> | undefined,
  relevanceLevel: number,
): JudgedRanking {
  const rels = ranked.map((docid) => {
    const rel = judgments === undefined ? undefined : getOwn(judgments, docid);
    return rel === undefined ? UNJUDGED : rel;
  });
  let numRelevant = 0;
  const idealGains: number[] = [];
  if (judgments !== undefined) {
    for (const docid of Object.keys(judgments)) {
      const rel = judgments[docid]!;
      if (rel >= relevanceLevel) numRelevant++;
      if (rel > 0) idealGains.push(rel);
    }
  }
  idealGains.sort((a, b) => b - a);
  return { rels, numRelevant, idealGains, relevanceLevel };
}
