import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposureQuotaReranker } from '../../../src/engine/rerank/exposure-quota.js';
import type { ScoredCandidate } from '../../../src/engine/types.js';
import { OptionError } from '../../../src/errors.js';
import { candidatesArb, kArb } from './arbitraries.js';

const c = (id: string, score: number, group?: string): ScoredCandidate => ({
  id,
  score,
  ...(group ? { group } : {}),
  contributions: {},
  factors: {},
});

describe('exposureQuotaReranker', () => {
  const list = [
    c('a1', 0.9, 'A'),
    c('a2', 0.8, 'A'),
    c('a3', 0.7, 'A'),
    c('b1', 0.6, 'B'),
    c('x', 0.5),
  ];

  it('caps each institution and backfills from lower ranks', () => {
    const out = exposureQuotaReranker({ maxPerGroup: 2 }).rerank({ candidates: list, k: 3 });
    expect(out.map((x) => x.id)).toEqual(['a1', 'a2', 'b1']);
  });

  it('without backfill, drops over-quota candidates from the top k only', () => {
    const out = exposureQuotaReranker({ maxPerGroup: 1, backfill: false }).rerank({
      candidates: list,
      k: 3,
    });
    expect(out.map((x) => x.id)).toEqual(['a1']);
  });

  it('never exceeds the quota, keeps order, returns a subset of at most k (property)', () => {
    fc.assert(
      fc.property(
        candidatesArb,
        kArb,
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (candidates, k, n, backfill) => {
          const reranker = exposureQuotaReranker({ maxPerGroup: n, backfill });
          const out = reranker.rerank({ candidates, k });
          expect(out.length).toBeLessThanOrEqual(k);
          const perGroup = new Map<string, number>();
          for (const x of out) if (x.group) perGroup.set(x.group, (perGroup.get(x.group) ?? 0) + 1);
          for (const used of perGroup.values()) expect(used).toBeLessThanOrEqual(n);
          const positions = out.map((x) => candidates.indexOf(x));
          expect(positions.every((p) => p >= 0)).toBe(true);
          expect(positions).toEqual(positions.slice().sort((a, b) => a - b));
          expect(reranker.rerank({ candidates, k })).toEqual(out);
          if (backfill) {
            // Full whenever enough candidates respect the quota.
            const eligible = candidates.filter(
              (x, i) =>
                !x.group || candidates.slice(0, i).filter((y) => y.group === x.group).length < n,
            );
            expect(out.length).toBe(Math.min(k, eligible.length));
          }
        },
      ),
    );
  });

  it('rejects a bad quota', () => {
    expect(() => exposureQuotaReranker({ maxPerGroup: 0 })).toThrow(OptionError);
    expect(() => exposureQuotaReranker({ maxPerGroup: 1.5 })).toThrow(OptionError);
  });
});
