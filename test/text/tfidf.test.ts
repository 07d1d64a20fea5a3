import { describe, expect, it } from 'vitest';
import { createTfidfIndex, smoothIdf, tfWeight } from '../../src/text/tfidf.js';

const words = (text: string): string[] => text.split(' ').filter((w) => w !== '');
const corpus = [
  { id: 'a', text: '研发 贷款' },
  { id: 'b', text: '研发 研发 设备' },
  { id: 'c', text: '流动资金 贷款 设备 租赁' },
];

describe('createTfidfIndex', () => {
  const index = createTfidfIndex(corpus, {}, { tokenizer: words });

  it('weights by sublinear tf and smoothed idf', () => {
    // idf(研发) = ln(4 / 3) + 1; tf' = 1 + ln 2 for two mentions.
    expect(smoothIdf(3, 2)).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(tfWeight(2, true)).toBeCloseTo(1 + Math.LN2, 12);
    expect(tfWeight(2, false)).toBe(2);
    expect(index.vector(['研发', '研发']).get('研发')).toBeCloseTo(
      (1 + Math.LN2) * (Math.log(4 / 3) + 1),
      12,
    );
  });

  it('gives 1 for a query equal to a document and 0 for no shared term', () => {
    expect(index.similarity(words('研发 贷款'), 'a')).toBeCloseTo(1, 12);
    expect(index.similarity(['租赁'], 'a')).toBe(0);
  });

  it('matches a hand computation of the cosine', () => {
    // Query 研发 vs b = (研发: (1 + ln 2)·i1, 设备: i2), i1 = idf(研发) = ln(4/3)+1, i2 = idf(设备) = ln(4/3)+1.
    // cos = (1 + ln 2)·i1² / (i1 · sqrt((1 + ln 2)²·i1² + i2²)) = (1 + ln 2) / sqrt((1 + ln 2)² + 1)
    const t = 1 + Math.LN2;
    expect(index.similarity(['研发'], 'b')).toBeCloseTo(t / Math.sqrt(t * t + 1), 12);
  });

  it('searches by cosine, best first, and agrees with similarity', () => {
    const hits = index.search('研发 设备', 3);
    expect(hits.map((h) => h.id)).toEqual(['b', 'a', 'c']);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(hit.score).toBeCloseTo(index.similarity(words('研发 设备'), hit.id), 12);
    }
  });

  it('recomputes norms and clears the query cache after add/remove', () => {
    const live = createTfidfIndex(corpus, {}, { tokenizer: words });
    const before = live.similarity(['研发'], 'b');
    live.search('研发', 2);
    live.add({ id: 'd', text: '研发 租赁' });
    expect(live.cacheStats().queries.entries).toBe(0);
    // idf(研发) and idf(设备) changed, so b's norm and the cosine changed.
    expect(live.similarity(['研发'], 'b')).not.toBeCloseTo(before, 6);
    live.remove('d');
    expect(live.similarity(['研发'], 'b')).toBeCloseTo(before, 12);
  });
});
