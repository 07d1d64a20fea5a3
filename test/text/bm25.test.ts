import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BM25_PARAMS, createBm25Index } from '../../src/text/bm25.js';
import { FinmatchError, UnknownIdError } from '../../src/errors.js';

// Whitespace tokenizer so the arithmetic below is about BM25 only.
const words = (text: string): string[] => text.split(' ').filter((w) => w !== '');
const corpus = [
  { id: 'd1', text: '研发 贷款' }, //              |d| = 2
  { id: 'd2', text: '研发 研发 设备' }, //         |d| = 3
  { id: 'd3', text: '流动资金 贷款 设备 租赁' }, // |d| = 4
];

describe('createBm25Index', () => {
  const index = createBm25Index(corpus, {}, { tokenizer: words });

  it('uses the documented defaults', () => {
    expect(index.params).toEqual({ k1: 1.2, b: 0.75, delta: 0 });
    expect(DEFAULT_BM25_PARAMS).toEqual(index.params);
  });

  it('matches a hand computation', () => {
    // N = 3, avgdl = (2 + 3 + 4) / 3 = 3, k1 = 1.2, b = 0.75.
    // idf(研发) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln(1.6) = 0.4700036
    // d1: tf = 1, |d| = 2: K = 1.2·(0.25 + 0.75·2/3) = 0.9; 1·2.2/(1 + 0.9) = 1.1578947
    //     score = 0.4700036 · 1.1578947 = 0.5442147
    // d2: tf = 2, |d| = 3: K = 1.2·(0.25 + 0.75) = 1.2;    2·2.2/(2 + 1.2) = 1.375
    //     score = 0.4700036 · 1.375 = 0.6462550
    expect(index.idf('研发')).toBeCloseTo(0.4700036, 6);
    expect(index.score(['研发'], 'd1')).toBeCloseTo(0.5442147, 6);
    expect(index.score(['研发'], 'd2')).toBeCloseTo(0.646255, 6);
    expect(index.score(['研发'], 'd3')).toBe(0);
    // idf(租赁) = ln(1 + (3 − 1 + 0.5) / 1.5) = ln(2.6666667) = 0.9808293
    // d3: tf = 1, |d| = 4: K = 1.2·(0.25 + 0.75·4/3) = 1.5; 2.2/2.5 = 0.88 → 0.8631298
    expect(index.score(['研发', '租赁'], 'd3')).toBeCloseTo(0.8631298, 6);
    // A repeated query term counts once.
    expect(index.score(['研发', '研发'], 'd1')).toBeCloseTo(0.5442147, 6);
  });

  it('ranks by score then id, and only positive scores', () => {
    expect(index.search('研发', 10)).toEqual([
      { id: 'd2', score: expect.closeTo(0.646255, 6) }, // two mentions outweigh the shorter d1
      { id: 'd1', score: expect.closeTo(0.5442147, 6) },
    ]);
    expect(index.search('研发', 1).map((h) => h.id)).toEqual(['d2']);
    expect(index.search('无关', 5)).toEqual([]);
  });

  it('scores agree between score, scores and scoreTokens', () => {
    const all = index.scores(['设备', '贷款']);
    for (const doc of corpus) {
      expect(all.get(doc.id) ?? 0).toBeCloseTo(index.score(['设备', '贷款'], doc.id), 12);
      expect(index.scoreTokens(['设备', '贷款'], words(doc.text))).toBeCloseTo(
        index.score(['设备', '贷款'], doc.id),
        12,
      );
    }
  });

  it('selfScore counts only indexed terms', () => {
    expect(index.selfScore(['研发', '未知'])).toBeCloseTo(index.selfScore(['研发']), 12);
    expect(index.selfScore(['未知'])).toBe(0);
  });

  it('b = 0 ignores length; k1 = 0 ignores repetition', () => {
    const binary = createBm25Index(corpus, { k1: 0 }, { tokenizer: words });
    expect(binary.score(['研发'], 'd1')).toBeCloseTo(binary.score(['研发'], 'd2'), 12);
    const noLength = createBm25Index(corpus, { b: 0 }, { tokenizer: words });
    // K = 1.2 for every document; tf = 1 → 2.2 / 2.2 = 1, so score = idf.
    expect(noLength.score(['研发'], 'd1')).toBeCloseTo(0.4700036, 6);
  });

  it('rejects invalid parameters and unknown ids', () => {
    expect(() => createBm25Index(corpus, { b: 2 })).toThrow(FinmatchError);
    expect(() => createBm25Index(corpus, { k1: -1 })).toThrow(/k1/);
    expect(() => createBm25Index([...corpus, corpus[0]!])).toThrow(/duplicate/);
    expect(() => index.score(['研发'], 'nope')).toThrow(UnknownIdError);
    expect(() => index.search('研发', -1)).toThrow(/k must/);
  });

  it('updates statistics and invalidates the query cache on add and remove', () => {
    const live = createBm25Index(corpus, {}, { tokenizer: words });
    expect(live.search('租赁', 5).map((h) => h.id)).toEqual(['d3']);
    live.search('租赁', 5);
    expect(live.cacheStats().queries).toMatchObject({ hits: 1, misses: 1, entries: 1 });

    live.add({ id: 'd4', text: '租赁 租赁' });
    expect(live.size).toBe(4);
    expect(live.cacheStats().queries).toMatchObject({ entries: 0, invalidations: 1 });
    expect(live.search('租赁', 5).map((h) => h.id)).toEqual(['d4', 'd3']);

    expect(live.remove('d3')).toBe(true);
    expect(live.remove('d3')).toBe(false);
    expect(live.search('租赁', 5).map((h) => h.id)).toEqual(['d4']);
    // After removing d3 the statistics equal those of a fresh index without it.
    const fresh = createBm25Index(
      [corpus[0]!, corpus[1]!, { id: 'd4', text: '租赁 租赁' }],
      {},
      { tokenizer: words },
    );
    expect(live.score(['研发', '租赁'], 'd4')).toBeCloseTo(fresh.score(['研发', '租赁'], 'd4'), 12);
  });

  it('scores are non-negative and finite for any query (property)', () => {
    const vocab = ['研发', '贷款', '设备', '租赁', '流动资金', '未知'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocab), { maxLength: 8 }), (query) => {
        for (const doc of corpus) {
          const s = index.score(query, doc.id);
          expect(Number.isFinite(s) && s >= 0).toBe(true);
        }
      }),
    );
  });
});
