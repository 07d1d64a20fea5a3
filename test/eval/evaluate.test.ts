import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ValidationError } from '../../src/errors.js';
import { evaluate } from '../../src/eval/evaluate.js';
import type { Qrels, Run } from '../../src/eval/types.js';
import { SAMPLE_QRELS, SAMPLE_RUN } from './fixtures.js';
import { oracleEvaluate } from './trec-oracle.js';

const ALL = [
  'p@1',
  'p@3',
  'p@10',
  'recall@2',
  'recall@10',
  'hit@1',
  'hit@3',
  'mrr',
  'map',
  'map@3',
  'ndcg',
  'ndcg@3',
  'ndcg@10',
];

describe('evaluate', () => {
  const run: Run = { q1: SAMPLE_RUN, q2: { z: 1 }, q9: { a: 1 } };
  const qrels: Qrels = { q1: SAMPLE_QRELS, q2: { z: 1, y: 1 }, q3: { a: 1 }, q4: { a: 0 } };

  it('evaluates queries in both run and qrels by default (trec_eval without -c)', () => {
    const result = evaluate(run, qrels, { metrics: ['p@2', 'map'] });
    expect(Object.keys(result.perQuery)).toEqual(['q1', 'q2']);
    expect(result.perQuery['q1']).toEqual({ 'p@2': 0.5, map: 0.5 });
    expect(result.perQuery['q2']).toEqual({ 'p@2': 0.5, map: 0.5 });
    expect(result.metrics).toEqual({ 'p@2': 0.5, map: 0.5 });
    expect(result.numQueries).toBe(2);
    expect(result.skipped).toEqual([
      { qid: 'q3', reason: 'not_in_run' },
      { qid: 'q4', reason: 'not_in_run' },
      { qid: 'q9', reason: 'not_in_qrels' },
    ]);
    expect(result.noRelevant).toEqual(['q4']);
  });

  it('with completeQueries scores missing queries 0 and averages over every qrels query (-c)', () => {
    const result = evaluate(run, qrels, { metrics: ['map'], completeQueries: true });
    expect(result.perQuery['q3']).toEqual({ map: 0 });
    expect(result.numQueries).toBe(4);
    expect(result.metrics['map']).toBeCloseTo((0.5 + 0.5) / 4, 15);
  });

  it('averages queries without relevant documents as 0 by default, like trec_eval, and lists them', () => {
    const result = evaluate(
      { q1: { a: 1 }, q2: { a: 1 } },
      { q1: { a: 1 }, q2: { a: 0 } },
      { metrics: ['map'] },
    );
    expect(result.metrics['map']).toBe(0.5);
    expect(result.noRelevant).toEqual(['q2']);
    expect(result.perQuery['q2']).toEqual({ map: 0 });
  });

  it('can exclude queries without relevant documents instead', () => {
    const result = evaluate(
      { q1: { a: 1 }, q2: { a: 1 } },
      { q1: { a: 1 }, q2: { a: 0 } },
      { metrics: ['map'], noRelevant: 'exclude' },
    );
    expect(result.metrics['map']).toBe(1);
    expect(result.skipped).toEqual([{ qid: 'q2', reason: 'no_relevant' }]);
    expect(result.perQuery).not.toHaveProperty('q2');
  });

  it('scores an empty result list 0', () => {
    const result = evaluate({ q1: {} }, { q1: { a: 2 } }, { metrics: ALL });
    for (const name of ALL) expect(result.perQuery['q1']![name]).toBe(0);
  });

  it('reports NaN means when no query is evaluated', () => {
    const result = evaluate({ q1: { a: 1 } }, { q2: { a: 1 } }, { metrics: ['map'] });
    expect(result.numQueries).toBe(0);
    expect(result.metrics['map']).toBeNaN();
  });

  it('keys results by canonical names whatever alias was asked', () => {
    const result = evaluate(run, qrels, { metrics: ['P_10', 'ndcg_cut_10', 'recip_rank'] });
    expect(Object.keys(result.metrics)).toEqual(['p@10', 'ndcg@10', 'mrr']);
  });

  it('honours relevanceLevel (trec_eval -l) and maxDocsPerQuery (-M)', () => {
    const r = { q: { a: 3, b: 2, c: 1 } };
    const j = { q: { a: 1, b: 2, c: 2 } };
    expect(evaluate(r, j, { metrics: ['map'], relevanceLevel: 2 }).metrics['map']).toBeCloseTo(
      (1 / 2 + 2 / 3) / 2,
      15,
    );
    expect(
      evaluate(r, j, { metrics: ['recall@10'], maxDocsPerQuery: 1 }).metrics['recall@10'],
    ).toBeCloseTo(1 / 3, 15);
  });

  it('stores ids such as __proto__ as ordinary queries', () => {
    const r = JSON.parse('{"__proto__": {"a": 1}}') as Run;
    const j = JSON.parse('{"__proto__": {"a": 1}}') as Qrels;
    const result = evaluate(r, j, { metrics: ['map'] });
    expect(Object.hasOwn(result.perQuery, '__proto__')).toBe(true);
    expect(result.metrics['map']).toBe(1);
  });

  it('rejects unknown metrics and bad options with OptionError', () => {
    expect(() => evaluate(run, qrels, { metrics: ['ndcg@10', 'bpref'] })).toThrow(OptionError);
    expect(() => evaluate(run, qrels, { relevanceLevel: -1 })).toThrow(OptionError);
    expect(() => evaluate(run, qrels, { maxDocsPerQuery: 0 })).toThrow(OptionError);
  });

  it('rejects non-finite scores and non-integer judgments with ValidationError', () => {
    expect(() => evaluate({ q: { a: Number.NaN } }, { q: { a: 1 } })).toThrow(ValidationError);
    expect(() => evaluate({ q: { a: 1 } }, { q: { a: 0.5 } })).toThrow(ValidationError);
  });
});

/** Random runs and qrels over few ids and few score values, so ties and overlaps are common. */
const docid = fc.constantFrom('d1', 'd2', 'd3', 'd10', 'D', 'a', 'é', '文');
const qid = fc.constantFrom('q1', 'q2', 'q3', 'Q', '10');
const runArb = fc.dictionary(
  qid,
  fc.dictionary(
    docid,
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true })),
  ),
);
// trec_eval misbehaves on queries whose judgments are all negative, so each query has a judgment ≥ 0.
const qrelsArb = fc.dictionary(
  qid,
  fc
    .tuple(
      docid,
      fc.integer({ min: 0, max: 3 }),
      fc.dictionary(docid, fc.integer({ min: -1, max: 3 })),
    )
    .map(([d, r, rest]) => ({ ...rest, [d]: r })),
  { minKeys: 1 },
);

describe('evaluate against a literal port of trec_eval (test/eval/trec-oracle.ts)', () => {
  it('agrees to 1e-9 per query and on means, with and without -c, -l and -M', () => {
    fc.assert(
      fc.property(
        runArb,
        qrelsArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 4 })),
        (run, qrels, complete, level, maxDocs) => {
          const options = {
            metrics: ALL,
            completeQueries: complete,
            relevanceLevel: level,
            maxDocsPerQuery: maxDocs ?? undefined,
          };
          const ours = evaluate(run, qrels, options);
          const theirs = oracleEvaluate(run, qrels, ALL, {
            complete,
            relevanceLevel: level,
            maxDocs: maxDocs ?? undefined,
          });
          expect(Object.keys(ours.perQuery).sort()).toEqual(Object.keys(theirs.perQuery).sort());
          for (const q of Object.keys(theirs.perQuery)) {
            for (const m of ALL)
              expect(Math.abs(ours.perQuery[q]![m]! - theirs.perQuery[q]![m]!)).toBeLessThan(1e-9);
          }
          if (ours.numQueries > 0) {
            for (const m of ALL)
              expect(Math.abs(ours.metrics[m]! - theirs.means[m]!)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
