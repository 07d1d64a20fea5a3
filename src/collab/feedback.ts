/**
 * Interactions → implicit feedback. Each (subject, item) pair gets a net strength: the sum of
 * its interactions' kind weights ({@link DEFAULT_FEEDBACK_WEIGHTS}), each decayed by its age
 * before `asOf`. A positive net strength is a positive preference; zero or negative is a
 * preference of 0, and the magnitude is the confidence in either.
 *
 * @module
 */
import type { BatchError } from '../model/parse.js';
import { parseBatch } from '../model/parse.js';
import type { InteractionKind } from '../model/enums.js';
import type { Interaction } from '../model/types.js';
import type { Locale } from '../i18n/locale.js';
import { OptionError } from '../errors.js';
import { DEFAULT_FEEDBACK_WEIGHTS, DEFAULT_HALF_LIFE_DAYS } from './defaults.js';
import { dateOption } from '../util/options.js';

/** The keys {@link FeedbackOptions} contribute to the ALS and co-occurrence options. */
export const FEEDBACK_OPTION_KEYS = ['weights', 'halfLifeDays', 'asOf'] as const;

/** Options of {@link createFeedbackStore}. */
export interface FeedbackOptions {
  /** Signed weight per interaction kind. Default {@link DEFAULT_FEEDBACK_WEIGHTS}. */
  weights?: Readonly<Record<InteractionKind, number>>;
  /**
   * Half-life of an interaction's weight in days, or `null` for no decay. Default
   * {@link DEFAULT_HALF_LIFE_DAYS}.
   */
  halfLifeDays?: number | null;
  /**
   * Reference date (YYYY-MM-DD) ages are measured from. Default: the latest date among the
   * first interactions added. Interactions after `asOf` count with full weight (age 0).
   */
  asOf?: string;
}

/** One aggregated (subject, item) pair. */
export interface PairFeedback {
  subjectId: string;
  itemId: string;
  /** Σ decayed signed weights; > 0 means a positive preference. */
  strength: number;
}

/** Result of {@link validateInteractions}: the good records and every rejected one. */
export interface ValidatedInteractions {
  interactions: Interaction[];
  rejected: BatchError[];
}

/** Options of {@link validateInteractions}. */
export interface ValidateInteractionsOptions {
  /** Language of the issue messages. Default `zh`. */
  locale?: Locale;
  /**
   * Ids already added to a model: a record repeating one is rejected (`duplicate_id`) so an
   * interaction sent twice is not counted twice. Accepted ids are added to the set.
   */
  seenIds?: Set<string>;
}

/**
 * Validates raw interaction records with the model's schema ({@link parseBatch}): good records
 * are kept, bad ones (and repeated ids) reported, never thrown.
 */
export function validateInteractions(
  values: readonly unknown[],
  options: ValidateInteractionsOptions = {},
): ValidatedInteractions {
  const { records, errors } = parseBatch(
    'interaction',
    values,
    options.locale ? { locale: options.locale } : {},
  );
  const seen = options.seenIds;
  if (!seen) return { interactions: records, rejected: errors };
  const rejectedAt = new Set(errors.map((e) => e.index));
  const inputIndex: number[] = [];
  for (let i = 0; i < values.length; i++) if (!rejectedAt.has(i)) inputIndex.push(i);
  const kept: Interaction[] = [];
  for (const [k, r] of records.entries()) {
    if (seen.has(r.id)) {
      const en = options.locale === 'en';
      errors.push({
        index: inputIndex[k]!,
        id: r.id,
        issues: [
          {
            recordId: r.id,
            path: 'id',
            code: 'duplicate_id',
            message: en ? 'interaction already added to the model' : '该交互记录已加入模型',
            received: JSON.stringify(r.id),
            expected: en ? 'a new interaction id' : '新的交互记录 id',
          },
        ],
      });
    } else {
      seen.add(r.id);
      kept.push(r);
    }
  }
  errors.sort((a, b) => a.index - b.index);
  return { interactions: kept, rejected: errors };
}

/**
 * Sorts interactions by (date, id), the one order every aggregation uses, so fitted models do
 * not depend on input order.
 */
export function sortInteractions(interactions: readonly Interaction[]): Interaction[] {
  return interactions
    .slice()
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
}

/** Pair strengths keyed by subject, then item. Grows with {@link FeedbackStore.add}. */
export interface FeedbackStore {
  /** The resolved reference date. */
  readonly asOf: string;
  /** Subject id → item id → net strength. */
  readonly bySubject: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /**
   * Adds interactions (in the given order; callers sort them) and returns the pairs whose
   * strength changed.
   */
  add(interactions: readonly Interaction[]): PairFeedback[];
  /** The signed, decayed weight one interaction contributes. */
  weightOf(interaction: Interaction): number;
}

const MS_PER_DAY = 86_400_000;

/**
 * Creates an aggregation of interactions into pair strengths.
 *
 * @example
 * const store = createFeedbackStore({ halfLifeDays: null });
 * store.add(interactions); // [{ subjectId, itemId, strength }, …]
 */
export function createFeedbackStore(
  options: FeedbackOptions & { initial?: readonly Interaction[] } = {},
): FeedbackStore {
  const weights = options.weights ?? DEFAULT_FEEDBACK_WEIGHTS;
  const halfLife =
    options.halfLifeDays === undefined ? DEFAULT_HALF_LIFE_DAYS : options.halfLifeDays;
  if (halfLife !== null && !(halfLife > 0 && Number.isFinite(halfLife))) {
    throw new OptionError('halfLifeDays', 'halfLifeDays must be a positive finite number or null');
  }
  for (const [kind, w] of Object.entries(weights)) {
    if (!Number.isFinite(w)) throw new OptionError('weights', `weight of ${kind} must be finite`);
  }
  let asOf = options.asOf === undefined ? undefined : dateOption(options.asOf, 'asOf');
  if (asOf === undefined) {
    asOf = '0000-01-01';
    for (const i of options.initial ?? []) if (i.date > asOf) asOf = i.date;
  }
  // Interactions' dates were validated with their records; the default is the latest of them.
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const bySubject = new Map<string, Map<string, number>>();

  const weightOf = (interaction: Interaction): number => {
    const w = weights[interaction.kind];
    if (halfLife === null) return w;
    const ageDays = Math.max(
      0,
      (asOfMs - Date.parse(`${interaction.date}T00:00:00Z`)) / MS_PER_DAY,
    );
    return w * Math.pow(0.5, ageDays / halfLife);
  };

  const add = (interactions: readonly Interaction[]): PairFeedback[] => {
    const touched = new Map<string, Map<string, true>>();
    for (const i of interactions) {
      let row = bySubject.get(i.subjectId);
      if (!row) bySubject.set(i.subjectId, (row = new Map()));
      row.set(i.itemId, (row.get(i.itemId) ?? 0) + weightOf(i));
      let t = touched.get(i.subjectId);
      if (!t) touched.set(i.subjectId, (t = new Map()));
      t.set(i.itemId, true);
    }
    const out: PairFeedback[] = [];
    for (const [subjectId, items] of touched) {
      const row = bySubject.get(subjectId)!;
      for (const itemId of items.keys())
        out.push({ subjectId, itemId, strength: row.get(itemId)! });
    }
    return out;
  };

  if (options.initial) add(options.initial);
  return { asOf, bySubject, add, weightOf };
}
