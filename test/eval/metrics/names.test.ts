import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { parseMetricName, parseMetricNames } from '../../../src/eval/metrics/names.js';

describe('parseMetricName', () => {
  it.each([
    ['P@10', 'p@10'],
    ['p@10', 'p@10'],
    ['P_10', 'p@10'],
    ['P.10', 'p@10'],
    ['precision@10', 'p@10'],
    ['ndcg_cut_10', 'ndcg@10'],
    ['ndcg_cut.10', 'ndcg@10'],
    ['nDCG@10', 'ndcg@10'],
    ['ndcg', 'ndcg'],
    ['recip_rank', 'mrr'],
    ['MRR', 'mrr'],
    ['mrr@5', 'mrr@5'],
    ['map', 'map'],
    ['map_cut_100', 'map@100'],
    ['AP@5', 'map@5'],
    ['recall_5', 'recall@5'],
    ['success_1', 'hit@1'],
    ['hit@10', 'hit@10'],
  ])('%s → %s', (input, canonical) => {
    expect(parseMetricName(input).name).toBe(canonical);
  });

  it.each([
    'bogus',
    'p',
    'recall',
    'ndcg_cut',
    'p@0',
    'p@-1',
    'p@1.5',
    'constructor',
    '__proto__',
    '',
  ])('rejects %j with an OptionError on `metrics`', (input) => {
    expect(() => parseMetricName(input)).toThrow(OptionError);
    try {
      parseMetricName(input);
    } catch (error) {
      expect((error as OptionError).option).toBe('metrics');
    }
  });
});

describe('parseMetricNames', () => {
  it('accepts a comma-separated string and drops aliases of one metric', () => {
    expect(parseMetricNames('P@10,p_10,map,ndcg_cut_10').map((m) => m.name)).toEqual([
      'p@10',
      'map',
      'ndcg@10',
    ]);
  });
  it('rejects an empty list', () => {
    expect(() => parseMetricNames([])).toThrow(OptionError);
  });
});
