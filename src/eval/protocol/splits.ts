/**
 * Splitting interactions and queries into training and test sets: leave-one-out per subject,
 * temporal, seeded k-fold, and query splits (by date, by a hash of the query id, or by a
 * given list of held-out ids) for fitting tuned weights and learned models on training
 * queries only. Every split is deterministic: leave-one-out, temporal, date and hash splits
 * depend only on dates and ids, k-fold on its seed.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { createRandom, hashString } from '../../util/random.js';
import {
  DEFAULT_FOLDS,
  DEFAULT_LOO_MIN_INTERACTIONS,
  DEFAULT_SEED,
  DEFAULT_TEST_FRACTION,
} from '../defaults.js';
import { compareCodePoints } from '../ranking.js';
import { DATE_EXPECTED, hasDateForm, isCalendarDate } from '../../util/dates.js';

/** A date as an ISO string (`2024-05-01`), epoch milliseconds or a `Date`. */
export type DateLike = string | number | Date;

/** How to read the fields a split needs from an item. */
export interface SplitAccessors<T> {
  /** The subject (enterprise, project) the item belongs to. */
  subjectOf(item: T): string;
  /** When it happened. */
  dateOf(item: T): DateLike;
  /** A unique id, to break ties between equal dates. */
  idOf(item: T): string;
}

/** Accessors for finmatch `Interaction` records (`subjectId`, `date`, `id`). */
export const INTERACTION_ACCESSORS: SplitAccessors<{
  id: string;
  subjectId: string;
  date: string;
}> = {
  subjectOf: (i) => i.subjectId,
  dateOf: (i) => i.date,
  idOf: (i) => i.id,
};

/** Training and test items, each in input order. */
export interface Split<T> {
  train: T[];
  test: T[];
}

/** Options of {@link leaveOneOutSplit}. */
export interface LeaveOneOutOptions<T> extends SplitAccessors<T> {
  /** Subjects with fewer items stay entirely in training. Default {@link DEFAULT_LOO_MIN_INTERACTIONS} (2). */
  minInteractions?: number;
}

/**
 * Leave-one-out: for each subject, its latest item is hidden (the test set) and the rest
 * kept for training. Among items on the latest date, the one with the greatest id in
 * code-point order is hidden, so the split never depends on input order.
 */
export function leaveOneOutSplit<T>(items: readonly T[], options: LeaveOneOutOptions<T>): Split<T> {
  const min = options.minInteractions ?? DEFAULT_LOO_MIN_INTERACTIONS;
  if (!Number.isSafeInteger(min) || min < 1) {
    throw new OptionError(
      'minInteractions',
      `minInteractions must be an integer ≥ 1, received ${String(min)}`,
    );
  }
  const bySubject = new Map<string, number[]>();
  items.forEach((item, index) => {
    const subject = options.subjectOf(item);
    const list = bySubject.get(subject);
    if (list) list.push(index);
    else bySubject.set(subject, [index]);
  });
  const hidden = new Set<number>();
  for (const indices of bySubject.values()) {
    if (indices.length < min) continue;
    let latest = indices[0]!;
    for (const index of indices) {
      if (compareByDateThenId(items[index]!, items[latest]!, options) > 0) latest = index;
    }
    hidden.add(latest);
  }
  return partition(items, (_, index) => hidden.has(index));
}

/** Options of {@link temporalSplit}: either a `cutoff` date or a `testFraction`. */
export interface TemporalSplitOptions<T> extends Omit<SplitAccessors<T>, 'subjectOf'> {
  /** Items dated on or after this go to the test set. */
  cutoff?: DateLike;
  /** Share in (0, 1) of the latest items (by date, then id) that go to the test set. */
  testFraction?: number;
}

/**
 * Temporal split: items before `cutoff` train, the others test. With `testFraction`
 * instead, items are ordered by date then id and the last ⌈fraction·n⌉ are the test set.
 */
export function temporalSplit<T>(items: readonly T[], options: TemporalSplitOptions<T>): Split<T> {
  if ((options.cutoff === undefined) === (options.testFraction === undefined)) {
    throw new OptionError('cutoff', 'temporalSplit needs exactly one of cutoff and testFraction');
  }
  if (options.cutoff !== undefined) {
    const cutoff = toTime(options.cutoff, 'cutoff');
    return partition(items, (item) => toTime(options.dateOf(item), 'date') >= cutoff);
  }
  const fraction = options.testFraction!;
  if (!(fraction > 0 && fraction < 1)) {
    throw new OptionError(
      'testFraction',
      `testFraction must be in (0, 1), received ${String(fraction)}`,
    );
  }
  const order = items
    .map((_, i) => i)
    .sort((a, b) => compareByDateThenId(items[a]!, items[b]!, options));
  const testCount = Math.ceil(fraction * items.length);
  const hidden = new Set(order.slice(items.length - testCount));
  return partition(items, (_, index) => hidden.has(index));
}

/** Options of {@link kFoldSplit}. */
export interface KFoldOptions {
  /** Number of folds, integer ≥ 2 and ≤ the number of items. Default {@link DEFAULT_FOLDS} (5). */
  k?: number;
  /** Seed of the shuffle. Default {@link DEFAULT_SEED}. */
  seed?: number | string;
}

/**
 * Seeded k-fold: items are shuffled with the seed and dealt round-robin into k folds whose
 * sizes differ by at most one; split i tests on fold i and trains on the others.
 */
export function kFoldSplit<T>(items: readonly T[], options: KFoldOptions = {}): Split<T>[] {
  const k = options.k ?? DEFAULT_FOLDS;
  if (!Number.isSafeInteger(k) || k < 2 || k > items.length) {
    throw new OptionError(
      'k',
      `k must be an integer from 2 to the number of items (${items.length}), received ${String(k)}`,
    );
  }
  const shuffled = createRandom(options.seed ?? DEFAULT_SEED).shuffle(items.map((_, i) => i));
  const foldOf = new Array<number>(items.length);
  shuffled.forEach((index, position) => (foldOf[index] = position % k));
  return Array.from({ length: k }, (_, fold) =>
    partition(items, (_, index) => foldOf[index] === fold),
  );
}

/**
 * How to split queries into training and held-out (test) queries:
 * - `date`: queries dated before `cutoff` train, those on or after it are held out (every
 *   query needs a date);
 * - `hash`: a query is held out when a hash of its id (and `salt`) falls below `testFraction`,
 *   so a query's side never depends on which other queries exist or on their order;
 * - `ids`: the queries whose ids are in `testIds` are held out (ids of no query are ignored).
 */
export type QuerySplitOptions =
  | { by: 'date'; cutoff: DateLike }
  | {
      by: 'hash';
      /** Expected share of held-out queries, in (0, 1). Default {@link DEFAULT_TEST_FRACTION}. */
      testFraction?: number;
      /** Changes which queries are held out, for a second independent split. Default `''`. */
      salt?: string;
    }
  | { by: 'ids'; testIds: Iterable<string> };

/**
 * Splits queries into training and held-out queries (see {@link QuerySplitOptions}). Each
 * side keeps input order.
 *
 * @example
 * ```ts
 * const { train, test } = splitQueries(queries, { by: 'hash', testFraction: 0.3 });
 * ```
 * @throws An {@link OptionError} for an unknown `by`, a fraction outside (0, 1), or (date
 *   split) a query without a valid date.
 */
export function splitQueries<Q extends { readonly qid: string; readonly date?: DateLike }>(
  queries: readonly Q[],
  options: QuerySplitOptions,
): Split<Q> {
  switch (options.by) {
    case 'date': {
      const cutoff = toTime(options.cutoff, 'cutoff');
      return partition(queries, (q) => {
        if (q.date === undefined)
          throw new OptionError(
            'cutoff',
            `query ${JSON.stringify(q.qid)} has no date; a date split needs every query dated`,
          );
        return toTime(q.date, 'date') >= cutoff;
      });
    }
    case 'hash': {
      const fraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
      if (!(fraction > 0 && fraction < 1))
        throw new OptionError(
          'testFraction',
          `testFraction must be in (0, 1), received ${String(fraction)}`,
        );
      const salt = options.salt ?? '';
      return partition(queries, (q) => queryHashUnit(q.qid, salt) < fraction);
    }
    case 'ids': {
      const held = new Set(options.testIds);
      return partition(queries, (q) => held.has(q.qid));
    }
    default:
      throw new OptionError(
        'by',
        `a query split is by date, hash or ids, received ${JSON.stringify((options as { by?: unknown }).by)}`,
      );
  }
}

/**
 * A query id's position in [0, 1) for hash splits: FNV-1a of `salt`, a NUL and the id, passed
 * through MurmurHash3's 32-bit finaliser so that ids differing in one character spread
 * evenly, divided by 2³². Stable across platforms and releases.
 */
export function queryHashUnit(qid: string, salt = ''): number {
  let h = hashString(`${salt}\u0000${qid}`);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

function partition<T>(items: readonly T[], isTest: (item: T, index: number) => boolean): Split<T> {
  const split: Split<T> = { train: [], test: [] };
  items.forEach((item, index) => (isTest(item, index) ? split.test : split.train).push(item));
  return split;
}

function compareByDateThenId<T>(
  a: T,
  b: T,
  accessors: Omit<SplitAccessors<T>, 'subjectOf'>,
): number {
  const d = toTime(accessors.dateOf(a), 'date') - toTime(accessors.dateOf(b), 'date');
  return d !== 0 ? d : compareCodePoints(accessors.idOf(a), accessors.idOf(b));
}

/** Epoch milliseconds of a {@link DateLike}. @throws An {@link OptionError} when it is not a valid date. */
export function toTime(value: DateLike, option: string): number {
  // A calendar date is checked as one (Date.parse reads 2026-02-31 as 3 March); a timestamp
  // with a time of day is left to Date.parse.
  if (hasDateForm(value) && !isCalendarDate(value))
    throw new OptionError(
      option,
      `${option} ${JSON.stringify(value)} is not a valid date: expected ${DATE_EXPECTED.en}`,
    );
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time))
    throw new OptionError(option, `${option} ${JSON.stringify(value)} is not a valid date`);
  return time;
}
