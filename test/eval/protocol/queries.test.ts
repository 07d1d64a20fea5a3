import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../src/errors.js';
import { checkQueries, queriesFromSubjects } from '../../../src/eval/protocol/queries.js';

describe('queries', () => {
  it('a dataset without explicit queries is one query per subject, keyed by its id', () => {
    const subjects = [{ id: 'e2' }, { id: 'e1' }];
    expect(queriesFromSubjects(subjects)).toEqual([
      { qid: 'e2', subject: { id: 'e2' } },
      { qid: 'e1', subject: { id: 'e1' } },
    ]);
  });

  it('one subject may be several queries; query ids must be unique and are sorted', () => {
    const e1 = { id: 'e1' };
    const queries = checkQueries([
      { qid: 'e1@2024', subject: e1, date: '2024-05-01' },
      { qid: 'e1@2023', subject: e1, date: '2023-05-01' },
    ]);
    expect(queries.map((q) => q.qid)).toEqual(['e1@2023', 'e1@2024']);
    expect(() =>
      checkQueries([
        { qid: 'q', subject: e1 },
        { qid: 'q', subject: { id: 'e2' } },
      ]),
    ).toThrow(OptionError);
    expect(() => checkQueries([{ qid: '', subject: e1 }])).toThrow(/non-empty/);
  });
});
