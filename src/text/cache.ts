/**
 * Bounded caches for tokenised texts, embeddings and repeated queries, with hit-rate counters.
 *
 * A thin wrapper over `lru-cache`: bounded by entry count **and** by total size (the size of a
 * value is its token count or vector length, see {@link TextCacheOptions.sizeOf}), so one long
 * text cannot evict everything and many small ones cannot grow without limit.
 *
 * @module
 */
import type { LRUCache } from 'lru-cache';
import { lazyRequire } from '../util/lazy-require.js';

/** lru-cache, loaded when the first cache is made (not at import). */
export const loadLruCache = lazyRequire<{ LRUCache: typeof LRUCache }>('lru-cache');

/** Limits of one cache. */
export interface TextCacheOptions<V> {
  /** Most entries kept. Must be ≥ 1. */
  maxEntries: number;
  /** Largest total size kept, in the unit of {@link sizeOf}. Must be ≥ 1. */
  maxSize: number;
  /** Size of one value (≥ 1): token count, vector length, result count. */
  sizeOf(value: V): number;
}

/** Hit and miss counts of a cache since it was created. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** `hits / (hits + misses)`, 0 before the first lookup. */
  hitRate: number;
  /** Entries currently held. */
  entries: number;
  /** Total size currently held. */
  size: number;
  /** Times the cache was cleared because the index it depends on changed. */
  invalidations: number;
}

/** Default limits of the caches kept by indexes and the text factor. */
export const DEFAULT_CACHE_LIMITS = Object.freeze({
  /** Texts kept tokenised: a catalogue of a few thousand products and subjects. */
  maxEntries: 10_000,
  /** Total tokens / vector components kept: ≈ 8 MB of strings or floats at most. */
  maxSize: 1_000_000,
});

/** An LRU cache that counts hits and misses. */
export interface TextCache<V> {
  /** The cached value of `key`, computing and storing it on a miss. */
  get(key: string, compute: (key: string) => V): V;
  /** Drops every entry (the index it depends on changed). */
  clear(): void;
  stats(): CacheStats;
}

/** Makes a {@link TextCache}. */
export function createTextCache<V extends object>(options: TextCacheOptions<V>): TextCache<V> {
  const lru = new (loadLruCache().LRUCache)<string, V>({
    max: options.maxEntries,
    maxSize: options.maxSize,
    // A value larger than the whole cache is not stored (lru-cache's behaviour); it is recomputed.
    sizeCalculation: (value) => Math.max(1, options.sizeOf(value)),
  });
  let hits = 0;
  let misses = 0;
  let invalidations = 0;
  return {
    get(key, compute) {
      const cached = lru.get(key);
      if (cached !== undefined) {
        hits++;
        return cached;
      }
      misses++;
      const value = compute(key);
      lru.set(key, value);
      return value;
    },
    clear() {
      lru.clear();
      invalidations++;
    },
    stats() {
      const lookups = hits + misses;
      return {
        hits,
        misses,
        hitRate: lookups === 0 ? 0 : hits / lookups,
        entries: lru.size,
        size: lru.calculatedSize,
        invalidations,
      };
    },
  };
}
