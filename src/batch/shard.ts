/**
 * Deterministic sharding of subject ids for `finmatch sweep --shard i/n`.
 *
 * @module
 */
import { OptionError } from '../errors.js';

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
 */
export function shardOf(id: string, count: number): number {
  return fnv1a(id) % count;
}

/** The ids of shard `index` of `count`, in input order. Shards 0..count−1 partition `ids`. */
export function selectShard(ids: readonly string[], index: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 1)
    throw new OptionError('shard', `shard count must be a positive integer, received ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new OptionError('shard', `shard index must be in 0..${count - 1}, received ${index}`);
  }
  return ids.filter((id) => shardOf(id, count) === index);
}

/** Parses `i/n` (0-based index: `0/2` and `1/2` are the two halves, as the CLI takes it). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 0 || i >= n) {
    throw new OptionError(
      'shard',
      `--shard must be i/n with 0 ≤ i < n, received ${JSON.stringify(text)}`,
    );
  }
  return { index: i, count: n };
}
