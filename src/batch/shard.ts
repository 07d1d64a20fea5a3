/**
 * Deterministic sharding of subject ids for `finmatch sweep --shard i/n`.
 *
 * @module
 */
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';

/** FNV-1a (32-bit) of a string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The shard (0-based) an id belongs to among `count`: a hash of the id alone, so shards stay
 * put when other ids are added or removed and every machine computes the same partition.
 *
 * @throws {@link OptionError} for an id that is not a string or a count outside 1..{@link MAX_SHARDS}.
 */
export function shardOf(id: string, count: number): number {
  if (typeof id !== 'string')
    throw new OptionError('id', `id must be a string, received ${describeValue(id)}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new OptionError(
      'count',
      `shard count must be an integer in 1..${MAX_SHARDS}, received ${describeValue(count)}`,
    );
  return fnv1a(id) % count;
}

/** The ids of shard `index` of `count`, in input order. Shards 0..count−1 partition `ids`. */
export function selectShard(ids: readonly string[], index: number, count: number): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
    throw new OptionError('ids', 'ids must be an array of id strings');
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new OptionError(
      'count',
      `shard count must be an integer in 1..${MAX_SHARDS}, received ${describeValue(count)}`,
    );
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new OptionError(
      'index',
      `shard index must be an integer in 0..${count - 1}, received ${describeValue(index)}`,
    );
  }
  return ids.filter((id) => shardOf(id, count) === index);
}

/** Most shards a market can be split into. */
export const MAX_SHARDS = 1_000_000;

/**
 * Parses the shard notation `i/n`: shard `i` (0-based) of `n`, so `0/2` and `1/2` are the two
 * halves and `0/8` … `7/8` the eight shards — the one notation of the library, the CLI
 * (`--shard i/n`) and the guides (docs/performance.md, "Whole-market sweeps, shards and
 * snapshots"). `n` is at most {@link MAX_SHARDS}.
 *
 * @throws {@link OptionError} for anything else (`8/8`, `1-based`, `3/0`, `a/b`, a non-string).
 */
export function parseShard(text: string): { index: number; count: number } {
  const m = typeof text === 'string' ? /^(\d{1,7})\/(\d{1,7})$/.exec(text.trim()) : null;
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || n > MAX_SHARDS || i >= n) {
    throw new OptionError(
      'shard',
      `shard must be i/n with 0 ≤ i < n ≤ ${MAX_SHARDS} (0-based: 0/2 and 1/2 are the two halves), received ${describeValue(text)}`,
    );
  }
  return { index: i, count: n };
}
