/**
 * Shared types of the text indexes: documents, hits and the bookkeeping of a mutable set of
 * tokenised documents (slots, term frequencies, document frequencies).
 *
 * @module
 */
import { OptionError, UnknownIdError } from '../errors.js';
import { DEFAULT_CACHE_LIMITS, createTextCache, type CacheStats, type TextCache } from './cache.js';
import { DEFAULT_TOKENIZE_OPTIONS, createTokenizer, type Tokenizer } from './tokenize.js';

/** A document to index: a unique id and its free text. */
export interface TextDocument {
  id: string;
  text: string;
}

/** One search result. */
export interface SearchHit {
  id: string;
  /** Higher is better; the scale depends on the index (BM25 is unbounded, cosine is in [0, 1]). */
  score: number;
}

/** Options shared by every index. */
export interface TextIndexOptions {
  /** Tokenizer of documents and queries. Default: {@link tokenize} with its defaults. */
  tokenizer?: Tokenizer;
  /** Limits of the index's caches. Default {@link DEFAULT_CACHE_LIMITS}. */
  cache?: Partial<typeof DEFAULT_CACHE_LIMITS>;
}

/** Cache statistics of an index: tokenised texts and repeated queries. */
export interface IndexCacheStats {
  /** Tokenised texts (documents and queries). Pure, so never invalidated. */
  tokens: CacheStats;
  /** Query results; cleared whenever a document is added or removed. */
  queries: CacheStats;
}

/** A tokenised document in a slot of a {@link DocumentStore}. */
export interface StoredDocument {
  id: string;
  /** Term → frequency in the document. */
  terms: Map<string, number>;
  /** Token count. */
  length: number;
}

/**
 * Mutable set of tokenised documents. Slots are never reused, so a slot index stays valid for
 * the life of the store; removed slots hold `undefined`.
 */
export interface DocumentStore {
  readonly slots: (StoredDocument | undefined)[];
  readonly slotById: Map<string, number>;
  /** Term → slot → frequency. */
  readonly postings: Map<string, Map<number, number>>;
  /** Live documents. */
  count: number;
  /** Sum of live documents' lengths. */
  totalLength: number;
}

/** Counts the tokens of a text into a term → frequency map. */
export function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const terms = new Map<string, number>();
  for (const token of tokens) terms.set(token, (terms.get(token) ?? 0) + 1);
  return terms;
}

/** Makes an empty store. */
export function createDocumentStore(): DocumentStore {
  return { slots: [], slotById: new Map(), postings: new Map(), count: 0, totalLength: 0 };
}

/** Adds a tokenised document; throws if the id is already indexed. */
export function storeDocument(store: DocumentStore, id: string, tokens: readonly string[]): number {
  if (store.slotById.has(id))
    throw new OptionError('docs', `duplicate document id ${JSON.stringify(id)}`);
  const slot = store.slots.length;
  const terms = termFrequencies(tokens);
  store.slots.push({ id, terms, length: tokens.length });
  store.slotById.set(id, slot);
  for (const [term, tf] of terms) {
    let posting = store.postings.get(term);
    if (!posting) store.postings.set(term, (posting = new Map()));
    posting.set(slot, tf);
  }
  store.count++;
  store.totalLength += tokens.length;
  return slot;
}

/** Removes a document; returns whether it was indexed. */
export function unstoreDocument(store: DocumentStore, id: string): boolean {
  const slot = store.slotById.get(id);
  if (slot === undefined) return false;
  const doc = store.slots[slot] as StoredDocument;
  for (const term of doc.terms.keys()) {
    const posting = store.postings.get(term);
    posting?.delete(slot);
    if (posting?.size === 0) store.postings.delete(term);
  }
  store.slots[slot] = undefined;
  store.slotById.delete(id);
  store.count--;
  store.totalLength -= doc.length;
  return true;
}

/** The document in the slot of `id`, or an {@link UnknownIdError}. */
export function requireDocument(store: DocumentStore, id: string): StoredDocument {
  const slot = store.slotById.get(id);
  const doc = slot === undefined ? undefined : store.slots[slot];
  if (!doc) throw new UnknownIdError(id, `document ${JSON.stringify(id)} is not in the index`);
  return doc;
}

/** The tokenizer and the two caches every index keeps. */
export interface IndexCaches<Q extends object> {
  tokenizer: Tokenizer;
  /** Cached tokenisation. */
  tokens(text: string): readonly string[];
  tokenCache: TextCache<readonly string[]>;
  queryCache: TextCache<Q>;
}

/** Builds the tokenizer and caches of an index from its options. */
export function createIndexCaches<Q extends object>(
  options: TextIndexOptions,
  sizeOfQuery: (value: Q) => number,
): IndexCaches<Q> {
  const tokenizer = options.tokenizer ?? createTokenizer(DEFAULT_TOKENIZE_OPTIONS);
  const limits = { ...DEFAULT_CACHE_LIMITS, ...options.cache };
  const tokenCache = createTextCache<readonly string[]>({ ...limits, sizeOf: (t) => t.length });
  const queryCache = createTextCache<Q>({ ...limits, sizeOf: sizeOfQuery });
  return {
    tokenizer,
    tokens: (text) => tokenCache.get(text, tokenizer),
    tokenCache,
    queryCache,
  };
}

/** Sorts hits by score (descending), then id (ascending), and keeps the first `k`. */
export function topHits(hits: SearchHit[], k: number): SearchHit[] {
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.slice(0, k);
}

/**
 * The top `k` hits for `query`, through the index's query cache (keyed by k and the query
 * text); `scoreAll` computes every hit on a miss. Returns copies, so callers cannot alter
 * cached hits.
 */
export function cachedSearch(
  caches: IndexCaches<SearchHit[]>,
  query: string,
  k: number,
  scoreAll: () => SearchHit[],
): SearchHit[] {
  checkK(k);
  const hits = caches.queryCache.get(`${k}\u0000${query}`, () => topHits(scoreAll(), k));
  return hits.map((hit) => ({ ...hit }));
}

/** Validates a result count `k` (a non-negative integer). */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0)
    throw new OptionError('k', `k must be a non-negative integer, received ${k}`);
}
