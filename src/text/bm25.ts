/**
 * Okapi BM25 retrieval over tokenised documents, with incremental add/remove.
 *
 * score(q, d) = Σ_{t ∈ unique(q)} idf(t) · ( tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl)) + δ·[tf>0] )
 *
 * idf(t) = ln(1 + (N − n_t + 0.5) / (n_t + 0.5))  (Lucene's variant: never negative).
 *
 * Query terms are counted once each (a query is a description, not a weighted keyword list).
 *
 * @module
 */
import { OptionError } from '../errors.js';
import {
  cachedSearch,
  createDocumentStore,
  createIndexCaches,
  requireDocument,
  storeDocument,
  termFrequencies,
  unstoreDocument,
  type IndexCacheStats,
  type SearchHit,
  type TextDocument,
  type TextIndexOptions,
} from './corpus.js';

/** BM25 tunables (as MiniSearch's `BM25Params`). */
export interface Bm25Params {
  /**
   * Term-frequency saturation, ≥ 0. 0 ignores repetitions (binary match); larger values let
   * repeated terms count longer before saturating. Typical 1.2–2.0.
   */
  k1: number;
  /**
   * Length normalisation, in [0, 1]. 0 ignores document length; 1 fully normalises by
   * `|d| / avgdl`, so long product descriptions do not win by mentioning everything.
   */
  b: number;
  /**
   * BM25+ lower bound δ ≥ 0 added for every matched term (Lv & Zhai 2011), so a match in a very
   * long document still beats no match. 0 is plain BM25.
   */
  delta: number;
}

/** Defaults of {@link Bm25Params}: the values of Robertson & Zaragoza (2009) and Lucene. */
export const DEFAULT_BM25_PARAMS: Readonly<Bm25Params> = Object.freeze({
  k1: 1.2,
  b: 0.75,
  delta: 0,
});

/** A BM25 index. */
export interface Bm25Index {
  readonly params: Readonly<Bm25Params>;
  /** Live documents. */
  readonly size: number;
  /** Whether `id` is indexed. */
  has(id: string): boolean;
  /** The index's tokenizer, cached. */
  tokens(text: string): readonly string[];
  /** idf of a term under the current statistics (the value for an unseen term when absent). */
  idf(term: string): number;
  /** BM25 score of an indexed document for the query tokens; throws for an unknown id. */
  score(queryTokens: readonly string[], docId: string): number;
  /** BM25 score of any token list (indexed or not) under the index's statistics. */
  scoreTokens(queryTokens: readonly string[], docTokens: readonly string[]): number;
  /**
   * Score of the query against itself as a document, counting only terms the index knows:
   * the reference {@link textFactor} divides by to map BM25 to [0, 1].
   */
  selfScore(queryTokens: readonly string[]): number;
  /**
   * Scores of every indexed document with a positive score for the query tokens, by id: one
   * pass over the query terms' postings, cheaper than {@link score} per document.
   */
  scores(queryTokens: readonly string[]): Map<string, number>;
  /** The `k` best documents for a text query (score > 0), best first, ties by id. Cached. */
  search(query: string, k: number): SearchHit[];
  /** Adds a document; clears the query cache. Throws on a duplicate id. */
  add(doc: TextDocument): void;
  /** Removes a document; clears the query cache. Returns whether it was indexed. */
  remove(id: string): boolean;
  cacheStats(): IndexCacheStats;
}

/** Validates BM25 parameters, filling defaults. */
export function resolveBm25Params(params: Partial<Bm25Params> = {}): Bm25Params {
  const resolved = { ...DEFAULT_BM25_PARAMS, ...params };
  if (!(Number.isFinite(resolved.k1) && resolved.k1 >= 0))
    throw new OptionError('k1', `k1 must be ≥ 0, received ${resolved.k1}`);
  if (!(resolved.b >= 0 && resolved.b <= 1))
    throw new OptionError('b', `b must be in [0, 1], received ${resolved.b}`);
  if (!(Number.isFinite(resolved.delta) && resolved.delta >= 0))
    throw new OptionError('delta', `delta must be ≥ 0, received ${resolved.delta}`);
  return resolved;
}

/**
 * Builds a BM25 index over `docs`.
 *
 * @example
 * const index = createBm25Index([{ id: 'p1', text: '科技型中小企业研发贷款' }]);
 * index.search('精密减速器研发', 5); // [{ id: 'p1', score: 0.87 }]
 */
export function createBm25Index(
  docs: readonly TextDocument[],
  params: Partial<Bm25Params> = {},
  options: TextIndexOptions = {},
): Bm25Index {
  const p = resolveBm25Params(params);
  const store = createDocumentStore();
  const caches = createIndexCaches<SearchHit[]>(options, (hits) => hits.length);
  for (const doc of docs) storeDocument(store, doc.id, caches.tokens(doc.text));

  const idf = (term: string): number => {
    const n = store.postings.get(term)?.size ?? 0;
    return Math.log(1 + (store.count - n + 0.5) / (n + 0.5));
  };
  const avgLength = (): number => (store.count === 0 ? 1 : store.totalLength / store.count || 1);
  const termWeight = (tf: number, length: number, avgdl: number): number =>
    tf === 0 ? 0 : (tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * length) / avgdl)) + p.delta;

  const compile = (queryTokens: readonly string[]): { terms: string[]; idf: number[] } => {
    const terms: string[] = [];
    const weights: number[] = [];
    for (const term of new Set(queryTokens)) {
      if (!store.postings.has(term)) continue;
      terms.push(term);
      weights.push(idf(term));
    }
    return { terms, idf: weights };
  };
  const scoreTerms = (
    queryTokens: readonly string[],
    terms: Map<string, number>,
    length: number,
  ): number => {
    const q = compile(queryTokens);
    const avgdl = avgLength();
    let score = 0;
    for (let i = 0; i < q.terms.length; i++) {
      score +=
        (q.idf[i] as number) * termWeight(terms.get(q.terms[i] as string) ?? 0, length, avgdl);
    }
    return score;
  };

  const scores = (queryTokens: readonly string[]): Map<string, number> => {
    const q = compile(queryTokens);
    const avgdl = avgLength();
    const bySlot = new Map<number, number>();
    for (let i = 0; i < q.terms.length; i++) {
      const posting = store.postings.get(q.terms[i] as string) as Map<number, number>;
      const termIdf = q.idf[i] as number;
      for (const [slot, tf] of posting) {
        const length = store.slots[slot]?.length ?? 0;
        bySlot.set(slot, (bySlot.get(slot) ?? 0) + termIdf * termWeight(tf, length, avgdl));
      }
    }
    const byId = new Map<string, number>();
    for (const [slot, score] of bySlot) if (score > 0) byId.set(store.slots[slot]?.id ?? '', score);
    return byId;
  };

  return {
    params: p,
    get size() {
      return store.count;
    },
    has: (id) => store.slotById.has(id),
    tokens: caches.tokens,
    idf,
    score(queryTokens, docId) {
      const doc = requireDocument(store, docId);
      return scoreTerms(queryTokens, doc.terms, doc.length);
    },
    scoreTokens(queryTokens, docTokens) {
      return scoreTerms(queryTokens, termFrequencies(docTokens), docTokens.length);
    },
    selfScore(queryTokens) {
      const known = queryTokens.filter((t) => store.postings.has(t));
      return scoreTerms(known, termFrequencies(known), known.length);
    },
    scores,
    search(query, k) {
      return cachedSearch(caches, query, k, () =>
        [...scores(caches.tokens(query))].map(([id, score]) => ({ id, score })),
      );
    },
    add(doc) {
      storeDocument(store, doc.id, caches.tokens(doc.text));
      caches.queryCache.clear();
    },
    remove(id) {
      const removed = unstoreDocument(store, id);
      if (removed) caches.queryCache.clear();
      return removed;
    },
    cacheStats: () => ({ tokens: caches.tokenCache.stats(), queries: caches.queryCache.stats() }),
  };
}
