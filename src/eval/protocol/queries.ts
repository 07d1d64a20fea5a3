/**
 * Evaluation queries: one ranking request, keyed by its own query id, with the subject as it
 * was when the request was made. A company with several funding rounds, or an enterprise that
 * applied twice, is several queries of one subject; qrels, runs, splits and tuning are keyed
 * by query id, never by subject id.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { compareCodePoints } from '../ranking.js';
import type { DateLike } from './splits.js';

/**
 * One evaluation query.
 *
 * @typeParam S - The subject record (an `Enterprise`, a `Project`…); its `id` is the subject id.
 * @example `{ qid: 'p7@seed', subject: projectAtSeed, date: '2021-03-01' }`
 */
export interface EvaluationQuery<S extends { readonly id: string } = { readonly id: string }> {
  /** Query id: the key of the query in runs and qrels. Unique within a dataset. */
  readonly qid: string;
  /** The subject as it was when the query was made (its need, round, stage…). */
  readonly subject: S;
  /** When the query was made (optional; required by date splits). */
  readonly date?: DateLike;
}

/**
 * One query per subject, with the subject's id as query id: how a dataset without explicit
 * queries is read (the behaviour of finmatch before queries had their own ids).
 */
export function queriesFromSubjects<S extends { readonly id: string }>(
  subjects: readonly S[],
): EvaluationQuery<S>[] {
  return subjects.map((subject) => ({ qid: subject.id, subject }));
}

/**
 * Checks that query ids are unique and returns the queries sorted by query id (code-point
 * order), so everything downstream is independent of input order.
 *
 * @throws An {@link OptionError} (option `queries`) on a duplicate or empty query id.
 */
export function checkQueries<Q extends { readonly qid: string }>(queries: readonly Q[]): Q[] {
  const seen = new Set<string>();
  for (const q of queries) {
    if (typeof q.qid !== 'string' || q.qid === '')
      throw new OptionError('queries', 'every query needs a non-empty string qid');
    if (seen.has(q.qid))
      throw new OptionError('queries', `query id ${JSON.stringify(q.qid)} appears twice`);
    seen.add(q.qid);
  }
  return [...queries].sort((a, b) => compareCodePoints(a.qid, b.qid));
}
