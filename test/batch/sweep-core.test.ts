/**
 * `SweepRanker`: a chunk loaded on one thread and ranked on another — its columns taken there,
 * with the key representatives that thread's dictionaries gained since it last sent any —
 * ranks exactly as the loader would rank it, whatever the chunks and whichever go where.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SweepRanker, type RankedChunk, type SweepSetup } from '../../src/batch/sweep-core.js';
import { enterpriseProductProfile } from '../../src/engine/profiles/enterprise-product.js';
import { profileToSpec } from '../../src/engine/profiles/spec.js';
import { parseAll } from '../../src/model/parse.js';
import { sortById } from '../../src/util/compare.js';
import { AS_OF, smallMarket } from '../compile/helpers.js';

const m = smallMarket();
const enterprises = m.enterprises.slice(0, 300);
const setup: SweepSetup = {
  spec: profileToSpec(enterpriseProductProfile()),
  asOf: AS_OF,
  locale: 'en',
  chains: parseAll('chain', m.chains),
  zones: parseAll('zone', m.zones),
  products: sortById(parseAll('product', m.products)),
  k: 5,
  contributions: true,
};

/** Chunks of `size` records from `from` on (the last may be shorter). */
function chunksOf(size: number, from: number): { records: unknown[]; trusted: boolean }[] {
  const out = [];
  for (let at = from; at < enterprises.length; at += size)
    out.push({ records: enterprises.slice(at, at + size), trusted: false });
  return out;
}

/** A ranked chunk's arrays, for comparing. */
const plain = (r: RankedChunk) => ({
  counts: [...r.counts],
  products: [...r.products],
  scores: [...r.scores],
  contributions: [...(r.contributions ?? [])],
});

describe('SweepRanker', () => {
  test('chunks ranked by an adopting ranker rank as on the ranker that loaded them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        (size, from, sendPattern) => {
          const chunks = chunksOf(size, from);
          const loader = new SweepRanker(setup);
          const reference = new SweepRanker(setup);
          const adopter = new SweepRanker(setup);
          const sent: number[] = [];
          chunks.forEach((source, c) => {
            loader.load(c, source);
            reference.load(c, source);
          });
          chunks.forEach((_, c) => {
            const want = plain(reference.rank(c));
            if (sendPattern[c % sendPattern.length]) {
              const encoded = loader.take(c);
              adopter.adopt(c, encoded, loader.repsSince(sent));
              expect(plain(adopter.rank(c))).toEqual(want);
            } else expect(plain(loader.rank(c))).toEqual(want);
          });
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  test('representatives sent out of step are refused', () => {
    const [first, second] = chunksOf(100, 0);
    const loader = new SweepRanker(setup);
    const adopter = new SweepRanker(setup);
    const sent: number[] = [];
    loader.load(0, first!);
    loader.repsSince(sent); // the first chunk's representatives, never delivered
    loader.load(1, second!);
    expect(() => adopter.adopt(1, loader.take(1), loader.repsSince(sent))).toThrow(
      /out of step with the loading thread's/,
    );
  });

  test('a chunk not loaded there cannot be taken', () => {
    expect(() => new SweepRanker(setup).take(3)).toThrow(/chunk 3 was not loaded here/);
  });
});
