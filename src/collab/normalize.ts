/**
 * Shared pieces of the collaborative models: the raw → [0, 1] map and top-k selection.
 *
 * @module
 */
import { OptionError } from '../errors.js';
import type { RecommendedItem, ScoreNormalization } from './types.js';

/** Checks a {@link ScoreNormalization} option. */
export function checkNormalization(value: unknown): ScoreNormalization {
  if (value === undefined) return 'subjectMax';
  if (value === 'subjectMax' || value === 'clamp') return value;
  throw new OptionError('normalization', "normalization must be 'subjectMax' or 'clamp'");
}

/** Maps a raw score to [0, 1]; `subjectMax` is the subject's largest raw score over all items. */
export function normalizeScore(
  raw: number,
  normalization: ScoreNormalization,
  subjectMax: number,
): number {
  if (normalization === 'clamp') return Math.min(1, Math.max(0, raw));
  if (!(subjectMax > 0) || raw <= 0) return 0;
  return Math.min(1, raw / subjectMax);
}

/**
 * Per-subject cache of the largest raw score; cleared whenever the model changes. Bounded so a
 * long-lived model serving many subjects does not grow without limit.
 */
export function createMaxCache(limit = 100_000): {
  get(subjectId: string, compute: () => number): number;
  clear(): void;
} {
  const cache = new Map<string, number>();
  return {
    get(subjectId, compute) {
      let v = cache.get(subjectId);
      if (v === undefined) {
        if (cache.size >= limit) cache.clear();
        v = compute();
        cache.set(subjectId, v);
      }
      return v;
    },
    clear: () => cache.clear(),
  };
}

/** Top `k` of (id, raw) pairs, best first, ties by id ascending. O(m·log k) typical. */
export function topK(
  entries: Iterable<[string, number]>,
  k: number,
  toScore: (raw: number) => number,
): RecommendedItem[] {
  const size = Math.max(0, Math.floor(k));
  // A sorted buffer of the best `size` so far; most entries lose to its last element at once.
  const best: [string, number][] = [];
  for (const entry of entries) {
    if (best.length === size && (size === 0 || !before(entry, best[size - 1]!))) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(best[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, entry);
    if (best.length > size) best.pop();
  }
  return best.map(([itemId, raw]) => ({ itemId, raw, score: toScore(raw) }));
}

function before(a: [string, number], b: [string, number]): boolean {
  return a[1] !== b[1] ? a[1] > b[1] : a[0] < b[0];
}
