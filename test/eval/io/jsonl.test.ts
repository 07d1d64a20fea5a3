import { describe, expect, it } from 'vitest';
import {
  parseQrelsJsonl,
  parseRunJsonl,
  writeQrelsJsonl,
  writeRunJsonl,
} from '../../../src/eval/io/jsonl.js';

describe('JSONL runs and qrels', () => {
  it('read {qid, docid, score} and {qid, docid, rel} lines', () => {
    const run = parseRunJsonl(
      '{"qid":"q1","docid":"d1","score":0.5}\n\n{"qid":"q1","docid":"d2","score":1,"extra":true}\n',
    );
    expect(run.table).toEqual({ q1: { d1: 0.5, d2: 1 } });
    const qrels = parseQrelsJsonl('{"qid":"q1","docid":"d1","rel":2}\n');
    expect(qrels.table).toEqual({ q1: { d1: 2 } });
  });

  it('report bad lines by number and field and keep the others', () => {
    const text = [
      '{"qid":"q1","docid":"d1","score":0.5}',
      'not json',
      '[1]',
      '{"qid":"q1","score":1}',
      '{"qid":"q1","docid":"d3","score":"high"}',
      '{"qid":"q1","docid":"d1","score":2}',
    ].join('\n');
    const parsed = parseRunJsonl(text);
    expect(parsed.table).toEqual({ q1: { d1: 0.5 } });
    expect(parsed.issues.map((i) => [i.line, i.path, i.code])).toEqual([
      [2, '', 'invalid_json'],
      [3, '', 'invalid_type'],
      [4, 'docid', 'missing_field'],
      [5, 'score', 'invalid_type'],
      [6, 'docid', 'duplicate_document'],
    ]);
    expect(parseQrelsJsonl('{"qid":"q","docid":"d","rel":1.5}').issues[0]).toMatchObject({
      line: 1,
      path: 'rel',
      expected: 'an integer relevance judgment',
    });
  });

  it('write what they read', () => {
    const run = { q2: { a: 0.1 }, q1: { b: 2, a: 2 } };
    expect(writeRunJsonl(run).split('\n')[0]).toBe('{"qid":"q1","docid":"b","score":2}');
    expect(parseRunJsonl(writeRunJsonl(run)).table).toEqual(run);
    const qrels = { q1: { a: 1, b: 0 } };
    expect(parseQrelsJsonl(writeQrelsJsonl(qrels)).table).toEqual(qrels);
  });
});
