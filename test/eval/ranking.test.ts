import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  judgeRanking,
  rankDocuments,
  UNJUDGED,
} from '../../src/eval/ranking.js';
import { sampleRanking } from './fixtures.js';

describe('rankDocuments', () => {
  it('sorts by score descending and breaks ties by docid descending (trec_eval comp_sim_docno)', () => {
    expect(rankDocuments({ d1: 1, d2: 1, d3: 2, d10: 1 })).toEqual(['d3', 'd2', 'd10', 'd1']);
  });

  it('ignores key order', () => {
    expect(rankDocuments({ b: 0.5, a: 0.5 })).toEqual(rankDocuments({ a: 0.5, b: 0.5 }));
    expect(rankDocuments({ a: 0.5, b: 0.5 })).toEqual(['b', 'a']);
  });

  it('keeps at most maxDocs documents (trec_eval -M) after sorting', () => {
    expect(rankDocuments({ a: 1, b: 3, c: 2 }, 2)).toEqual(['b', 'c']);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point like strcmp on UTF-8, not by UTF-16 unit', () => {
    // U+FF21 (one UTF-16 unit) < U+1F600 (a surrogate pair) in code points, but not in UTF-16 units.
    expect(compareCodePoints('\uFF21', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF21' < '\u{1F600}').toBe(false);
    expect(compareCodePoints('ab', 'a')).toBe(1);
    expect(compareCodePoints('a', 'ab')).toBe(-1);
    expect(compareCodePoints('企业', '企业')).toBe(0);
  });
});

describe('judgeRanking', () => {
  it('marks unjudged documents, counts relevant judgments and builds ideal gains from all judgments', () => {
    const ranking = sampleRanking();
    expect(ranking.rels).toEqual([UNJUDGED, 2, 0, 1, -1, 1]);
    expect(ranking.numRelevant).toBe(3);
    expect(ranking.idealGains).toEqual([2, 1, 1]);
  });

  it('counts relevant documents never retrieved', () => {
    const ranking = judgeRanking(['a'], { a: 1, b: 1, c: 3 }, 1);
    expect(ranking.numRelevant).toBe(3);
    expect(ranking.idealGains).toEqual([3, 1, 1]);
  });

  it('applies the relevance level to relevance but not to gains', () => {
    const ranking = judgeRanking(['a'], { a: 1, b: 2 }, 2);
    expect(ranking.numRelevant).toBe(1);
    expect(ranking.idealGains).toEqual([2, 1]);
  });
});
