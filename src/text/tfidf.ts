/**
 * TF–IDF vectors compared by cosine similarity, with incremental add/remove.
 *
 * weight(t, d) = tf'(t, d) · idf(t), where tf' = 1 + ln(tf) (sublinear, default) or tf, and
 * idf(t) = ln((1 + N) / (1 + n_t)) + 1 (smoothed: never zero, defined for unseen terms).
 * Vectors are compared by cosine; all weights are non-negative, so the cosine is in [0, 1].
 *
 * @module
 */
import {
  cachedSearch,
  createDocumentStore,
  createIndexCaches,
  requireDocument,
  storeDocument,
  unstoreDocument,
  type IndexCacheStats,
  type SearchHit,
  type TextDocument,
  type TextIndexOptions,
} from './corpus.js';

/** TF–IDF tunables. */
export interface TfidfParams {
  /**
   * Use 1 + ln(tf) instead of the raw count, so a word repeated ten times weighs ≈ 3.3 times a
   * word said once, not 10 times. Default `true`.
   */
  sublinearTf: boolean;
}

/** Defaults of {@link TfidfParams}. */
export const DEFAULT_TFIDF_PARAMS: Readonly<TfidfParams> = Object.freeze({ sublinearTf: true });

/** A sparse vector: term → weight. */
export type SparseVector = ReadonlyMap<string, number>;

/** Smoothed inverse document frequency of a term found in `n` of `N` documents. */
export function smoothIdf(documentCount: number, documentFrequency: number): number {
  return Math.log((1 + documentCount) / (1 + documentFrequency)) + 1;
}

/** Term-frequency weight: 1 + ln(tf) (sublinear) or tf; 0 for tf = 0. */
export function tfWeight(tf: number, sublinear: boolean): number {
  if (tf <= 0) return 0;
  return sublinear ? 1 + Math.log(tf) : tf;
}

/** A TF–IDF index. */
export interface TfidfIndex {
  readonly params: Readonly<TfidfParams>;
  readonly size: number;
  has(id: string): boolean;
  /** The index's tokenizer, cached. */
  tokens(text: string): readonly string[];
  /** Smoothed idf under the current statistics. */
  idf(term: string): number;
  /** TF–IDF vector of a token list (not normalised). */
  vector(tokens: readonly string[]): SparseVector;
  /** Cosine of the query tokens and an indexed document, in [0, 1]; throws for an unknown id. */
  similarity(queryTokens: readonly string[], docId: string): number;
  /** Cosine with every document sharing a term with the query, by id. */
  similarities(queryTokens: readonly string[]): Map<string, number>;
  /** The `k` most similar documents (cosine > 0), best first, ties by id. Cached. */
  search(query: string, k: number): SearchHit[];
  /** Adds a document; clears the query cache. */
  add(doc: TextDocument): void;
  /** Removes a document; clears the query cache. */
  remove(id: string): boolean;
  cacheStats(): IndexCacheStats;
}

/** Builds a TF–IDF index over `docs`. */
export function createTfidfIndex(
  docs: readonly TextDocument[],
  params: Partial<TfidfParams> = {},
  options: TextIndexOptions = {},
): TfidfIndex {
  const p: TfidfParams = { ...DEFAULT_TFIDF_PARAMS, ...params };
  const store = createDocumentStore();
  const caches = createIndexCaches<SearchHit[]>(options, (hits) => hits.length);
  for (const doc of docs) storeDocument(store, doc.id, caches.tokens(doc.text));
  // Document norms depend on every idf, so they are recomputed lazily after a change.
  let norms = new Map<number, number>();

  const idf = (term: string): number => smoothIdf(store.count, store.postings.get(term)?.size ?? 0);
  const vector = (tokens: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    const weights = new Map<string, number>();
    for (const [term, tf] of counts) weights.set(term, tfWeight(tf, p.sublinearTf) * idf(term));
    return weights;
  };
  const normOfSlot = (slot: number): number => {
    let norm = norms.get(slot);
    if (norm === undefined) {
      let sum = 0;
      for (const [term, tf] of store.slots[slot]?.terms ?? [])
        sum += (tfWeight(tf, p.sublinearTf) * idf(term)) ** 2;
      norm = Math.sqrt(sum);
      norms.set(slot, norm);
    }
    return norm;
  };
  const normOf = (v: SparseVector): number => {
    let sum = 0;
    for (const w of v.values()) sum += w * w;
    return Math.sqrt(sum);
  };
  const similarities = (queryTokens: readonly string[]): Map<string, number> => {
    const q = vector(queryTokens);
    const qNorm = normOf(q);
    const dots = new Map<number, number>();
    for (const [term, qw] of q) {
      const posting = store.postings.get(term);
      if (!posting) continue;
      const termIdf = idf(term);
      for (const [slot, tf] of posting)
        dots.set(slot, (dots.get(slot) ?? 0) + qw * tfWeight(tf, p.sublinearTf) * termIdf);
    }
    const byId = new Map<string, number>();
    for (const [slot, dot] of dots) {
      const denominator = qNorm * normOfSlot(slot);
      if (dot > 0 && denominator > 0)
        byId.set(store.slots[slot]?.id ?? '', Math.min(1, dot / denominator));
    }
    return byId;
  };
  const changed = (): void => {
    norms = new Map();
    caches.queryCache.clear();
  };

  return {
    params: p,
    get size() {
      return store.count;
    },
    has: (id) => store.slotById.has(id),
    tokens: caches.tokens,
    idf,
    vector,
    similarity(queryTokens, docId) {
      const doc = requireDocument(store, docId);
      const q = vector(queryTokens);
      const slot = store.slotById.get(docId) as number;
      let dot = 0;
      for (const [term, qw] of q)
        dot += qw * tfWeight(doc.terms.get(term) ?? 0, p.sublinearTf) * idf(term);
      const denominator = normOf(q) * normOfSlot(slot);
      return denominator > 0 ? Math.min(1, dot / denominator) : 0;
    },
    similarities,
    search(query, k) {
      return cachedSearch(caches, query, k, () =>
        [...similarities(caches.tokens(query))].map(([id, score]) => ({ id, score })),
      );
    },
    add(doc) {
      storeDocument(store, doc.id, caches.tokens(doc.text));
      changed();
    },
    remove(id) {
      const removed = unstoreDocument(store, id);
      if (removed) changed();
      return removed;
    },
    cacheStats: () => ({ tokens: caches.tokenCache.stats(), queries: caches.queryCache.stats() }),
  };
}
