import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCandidateSimilarity, mmrReranker } from '../../../src/engine/rerank/mmr.js';
import type { ScoredCandidate } from '../../../src/engine/types.js';
import { OptionError } from '../../../src/errors.js';
import { candidatesArb, kArb } from './arbitraries.js';

const c = (id: string, score: number, group: string, features: number[]): ScoredCandidate => ({
  id,
  score,
  group,
  features,
  contributions: {},
  factors: {},
});

describe('mmrReranker', () => {
  it('spreads near-duplicates from one institution', () => {
    const candidates = [
      c('a1', 0.9, 'bankA', [1, 1, 0]),
      c('a2', 0.89, 'bankA', [1, 1, 0]),
      c('b1', 0.8, 'bankB', [0, 1, 1]),
    ];
    const out = mmrReranker({ lambda: 0.5 }).rerank({ candidates, k: 3 });
    // a2 is a copy of a1 (similarity 1): 0.5·0.89 − 0.5·1 < 0.5·0.8 − 0.5·sim(b1, a1).
    expect(out.map((x) => x.id)).toEqual(['a1', 'b1', 'a2']);
    expect(out[1]).toBe(candidates[2]); // same object: score untouched
  });

  it('documents its similarity: cosine of features blended with same group', () => {
    expect(defaultCandidateSimilarity(c('x', 1, 'g', [1, 0]), c('y', 1, 'g', [1, 0]))).toBeCloseTo(
      1,
      12,
    );
    expect(defaultCandidateSimilarity(c('x', 1, 'g', [1, 0]), c('y', 1, 'h', [0, 1]))).toBe(0);
    expect(defaultCandidateSimilarity(c('x', 1, 'g', [1, 0]), c('y', 1, 'g', [0, 1]))).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('keeps the ranking when λ = 1', () => {
    fc.assert(
      fc.property(candidatesArb, kArb, (candidates, k) => {
        const out = mmrReranker({ lambda: 1 }).rerank({ candidates, k });
        expect(out).toEqual(candidates.slice(0, k));
      }),
    );
  });

  it('returns at most k of the input, unchanged, regardless of input order (property)', () => {
    fc.assert(
      fc.property(
        candidatesArb,
        kArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (candidates, k, lambda) => {
          const reranker = mmrReranker({ lambda });
          const out = reranker.rerank({ candidates, k });
          expect(out.length).toBe(Math.min(k, candidates.length));
          expect(new Set(out.map((x) => x.id)).size).toBe(out.length);
          for (const x of out) expect(candidates).toContain(x);
          expect(reranker.rerank({ candidates: candidates.slice().reverse(), k })).toEqual(out);
        },
      ),
    );
  });

  it('rejects bad options', () => {
    expect(() => mmrReranker({ lambda: 1.5 })).toThrow(OptionError);
    expect(() => mmrReranker().rerank({ candidates: [], k: -1 })).toThrow(OptionError);
  });
});
