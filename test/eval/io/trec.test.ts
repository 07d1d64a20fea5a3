import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import {
  parseTrecQrels,
  parseTrecRun,
  writeTrecQrels,
  writeTrecRun,
} from '../../../src/eval/io/trec.js';

describe('parseTrecRun', () => {
  it('reads six whitespace-separated fields and ignores Q0 and the rank column', () => {
    const text =
      'q1 Q0 d1 7 1.5 tagA\nq1\tQ0  d2 1 -0.25 tagA\r\n\n# a comment\nq2 Q0 d1 1 3e2 tagA\n';
    const parsed = parseTrecRun(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.error).toBeUndefined();
    expect(parsed.table).toEqual({ q1: { d1: 1.5, d2: -0.25 }, q2: { d1: 300 } });
    expect(parsed.tags).toEqual(['tagA']);
  });

  it('reports bad lines with line number, field and expectation, and keeps good lines', () => {
    const text = [
      'q1 Q0 d1 1 0.5 t',
      'q1 Q0 d2 2',
      'q1 Q0 d3 3 abc t',
      'q1 Q0 d4 4 0.1 t extra',
      'q1 Q0 d1 5 0.2 t',
      'q2 Q0 d9 1 9 t',
    ].join('\n');
    const parsed = parseTrecRun(text);
    expect(parsed.table).toEqual({ q1: { d1: 0.5 }, q2: { d9: 9 } });
    expect(parsed.issues.map((i) => [i.line, i.path, i.code])).toEqual([
      [2, 'score', 'missing_field'],
      [3, 'score', 'invalid_number'],
      [4, '', 'too_many_fields'],
      [5, 'docid', 'duplicate_document'],
    ]);
    expect(parsed.issues[1]).toMatchObject({
      recordId: 'q1',
      received: 'abc',
      expected: 'a finite decimal number',
    });
    expect(parsed.issues[1]!.message).toContain('line 3');
    expect(parsed.error).toBeInstanceOf(ValidationError);
    expect(parsed.error!.kind).toBe('run');
    expect(parsed.error!.issues).toHaveLength(4);
  });

  it('rejects non-finite scores such as inf and nan', () => {
    expect(parseTrecRun('q Q0 d 1 inf t\nq Q0 e 1 NaN t').issues).toHaveLength(2);
  });
});

describe('parseTrecQrels', () => {
  it('reads qid iter docid rel with integer (possibly negative) judgments', () => {
    const parsed = parseTrecQrels('q1 0 d1 2\nq1 0 d2 -1\nq2 Q0 d1 0\n');
    expect(parsed.table).toEqual({ q1: { d1: 2, d2: -1 }, q2: { d1: 0 } });
    expect(parsed.issues).toEqual([]);
  });

  it('reports non-integer judgments and wrong field counts', () => {
    const parsed = parseTrecQrels('q1 0 d1 0.5\nq1 0 d2\nq1 0 d3 1\n');
    expect(parsed.table).toEqual({ q1: { d3: 1 } });
    expect(parsed.issues.map((i) => [i.line, i.path, i.code])).toEqual([
      [1, 'rel', 'invalid_integer'],
      [2, 'rel', 'missing_field'],
    ]);
  });
});

describe('TREC writers', () => {
  it('write runs in trec_eval order with ranks from 1', () => {
    expect(writeTrecRun({ q2: { a: 1 }, q1: { a: 1, b: 1, c: 2 } }, { tag: 'bm25' })).toBe(
      'q1 Q0 c 1 2 bm25\nq1 Q0 b 2 1 bm25\nq1 Q0 a 3 1 bm25\nq2 Q0 a 1 1 bm25\n',
    );
    expect(writeTrecQrels({ q1: { b: 0, a: 2 } })).toBe('q1 0 a 2\nq1 0 b 0\n');
  });

  it('refuse ids that contain whitespace', () => {
    expect(() => writeTrecRun({ 'q 1': { a: 1 } })).toThrow(ValidationError);
    expect(() => writeTrecQrels({ q: { 'a b': 1 } })).toThrow(ValidationError);
  });

  it('round-trip any run and qrels exactly', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,6}$/);
    fc.assert(
      fc.property(
        fc.dictionary(
          id,
          fc.dictionary(id, fc.double({ noNaN: true, noDefaultInfinity: true }), { minKeys: 1 }),
        ),
        fc.dictionary(id, fc.dictionary(id, fc.integer({ min: -3, max: 5 }), { minKeys: 1 })),
        (run, qrels) => {
          const normalisedRun = JSON.parse(
            JSON.stringify(run, (_k, v: unknown) => (Object.is(v, -0) ? 0 : v)),
          ) as typeof run;
          expect(parseTrecRun(writeTrecRun(normalisedRun)).table).toEqual(normalisedRun);
          expect(parseTrecQrels(writeTrecQrels(qrels)).table).toEqual(qrels);
        },
      ),
    );
  });
});
