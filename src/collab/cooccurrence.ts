/**
 * Item–item co-occurrence with shrinkage. Two items are similar when the same subjects hold
 * positive feedback for both:
 *
 * `sim(i, j) = co(i, j) / (√(nᵢ·nⱼ) + λ)`, where `co` counts subjects positive on both and `nᵢ`
 * subjects positive on `i`. Symmetric, in [0, 1) since co ≤ min(nᵢ, nⱼ) ≤ √(nᵢ·nⱼ).
 *
 * A subject's raw score for an item is the mean similarity of the item to the subject's positive
 * items: `Σ_{j ∈ P(u), j ≠ i} sim(i, j) / |P(u)|`, in [0, 1).
 *
 * @module
 */
import { readOptions } from '../util/options.js';
import { OptionError } from '../errors.js';
import { DEFAULT_COOCCURRENCE_OPTIONS } from './defaults.js';
import {
  createFeedbackStore,
  sortInteractions,
  validateInteractions,
  FEEDBACK_OPTION_KEYS,
  type FeedbackOptions,
} from './feedback.js';
import { checkNormalization, createMaxCache, normalizeScore, topK } from './normalize.js';
import type {
  CollaborativeModel,
  RecommendOptions,
  ScoreNormalization,
  UpdateReport,
} from './types.js';

/** Options of {@link fitCooccurrence}. */
export interface CooccurrenceOptions extends FeedbackOptions {
  /** Shrinkage λ ≥ 0. Default {@link DEFAULT_COOCCURRENCE_OPTIONS}.shrinkage (5). */
  shrinkage?: number;
  /** Raw → [0, 1] map. Default `subjectMax`. */
  normalization?: ScoreNormalization;
}

/** Context of {@link fitCooccurrence}. */
export interface FitCooccurrenceContext {
  /** Interaction records; validated, bad ones reported in `model.rejected`. */
  interactions: readonly unknown[];
  options?: CooccurrenceOptions;
}

/** A co-occurrence model, with read access to its exact counts (for audits and tests). */
export interface CooccurrenceModel extends CollaborativeModel {
  readonly method: 'cooccurrence';
  /** Subjects positive on `itemId` (nᵢ). */
  itemCount(itemId: string): number;
  /** Subjects positive on both items, co(i, j). */
  coCount(itemA: string, itemB: string): number;
  /** sim(i, j), symmetric, in [0, 1). */
  similarity(itemA: string, itemB: string): number;
}

/**
 * Fits item–item co-occurrence. `addInteractions` is **exact**: counts are updated by removing
 * each touched subject's old positive set and adding its new one, so the model equals a full
 * refit on all interactions (counts bit for bit; scores too, since sums run in item-id order).
 *
 * Cost: fit O(Σᵤ |P(u)|²); a scored pair O(|P(u)|); recommend O(Σ_{j∈P(u)} deg(j) + m log m).
 */
/** The keys {@link CooccurrenceOptions} may have; any other key is an OptionError. */
export const COOCCURRENCE_OPTION_KEYS = [
  ...FEEDBACK_OPTION_KEYS,
  'shrinkage',
  'normalization',
] as const;

export function fitCooccurrence(context: FitCooccurrenceContext): CooccurrenceModel {
  const options = readOptions(
    context.options,
    COOCCURRENCE_OPTION_KEYS,
    'options',
  ) as CooccurrenceOptions;
  const shrinkage = options.shrinkage ?? DEFAULT_COOCCURRENCE_OPTIONS.shrinkage;
  if (!(shrinkage >= 0 && Number.isFinite(shrinkage))) {
    throw new OptionError('shrinkage', 'shrinkage must be a finite number ≥ 0');
  }
  const normalization = checkNormalization(options.normalization);
  const seenIds = new Set<string>();
  const { interactions, rejected } = validateInteractions(context.interactions, { seenIds });
  const sorted = sortInteractions(interactions);
  const store = createFeedbackStore({ ...options, initial: sorted });

  const positives = new Map<string, string[]>();
  const itemCounts = new Map<string, number>();
  const co = new Map<string, Map<string, number>>();
  const knownItems = new Set<string>();
  const maxCache = createMaxCache();

  const bump = (a: string, b: string, delta: number) => {
    let row = co.get(a);
    if (!row) co.set(a, (row = new Map()));
    const v = (row.get(b) ?? 0) + delta;
    if (v === 0) row.delete(b);
    else row.set(b, v);
  };
  const applySet = (items: readonly string[], delta: 1 | -1) => {
    for (const i of items) {
      const n = (itemCounts.get(i) ?? 0) + delta;
      if (n === 0) itemCounts.delete(i);
      else itemCounts.set(i, n);
    }
    for (let x = 0; x < items.length; x++) {
      for (let y = x + 1; y < items.length; y++) {
        bump(items[x]!, items[y]!, delta);
        bump(items[y]!, items[x]!, delta);
      }
    }
  };
  const positiveSet = (subjectId: string): string[] => {
    const row = store.bySubject.get(subjectId);
    const out: string[] = [];
    if (row) for (const [itemId, s] of row) if (s > 0) out.push(itemId);
    return out.sort(compareIds);
  };
  const refreshSubject = (subjectId: string) => {
    const old = positives.get(subjectId);
    if (old) applySet(old, -1);
    const next = positiveSet(subjectId);
    if (next.length > 0) {
      applySet(next, 1);
      positives.set(subjectId, next);
    } else positives.delete(subjectId);
  };

  for (const subjectId of store.bySubject.keys()) refreshSubject(subjectId);
  for (const row of store.bySubject.values())
    for (const itemId of row.keys()) knownItems.add(itemId);

  const similarity = (a: string, b: string): number => {
    const c = co.get(a)?.get(b);
    if (!c) return 0;
    return c / (Math.sqrt(itemCounts.get(a)! * itemCounts.get(b)!) + shrinkage);
  };

  const raw = (subjectId: string, itemId: string): number | null => {
    const pos = positives.get(subjectId);
    if (!pos || !knownItems.has(itemId)) return null;
    let sum = 0;
    for (const j of pos) if (j !== itemId) sum += similarity(itemId, j);
    return sum / pos.length;
  };

  /** Raw scores of every item with a non-zero score, accumulated in the same order as `raw`. */
  const rawAll = (subjectId: string): Map<string, number> => {
    const pos = positives.get(subjectId);
    const acc = new Map<string, number>();
    if (!pos) return acc;
    for (const j of pos) {
      const row = co.get(j);
      if (!row) continue;
      for (const i of row.keys()) {
        if (i === j) continue;
        acc.set(i, (acc.get(i) ?? 0) + similarity(i, j));
      }
    }
    for (const [i, s] of acc) acc.set(i, s / pos.length);
    return acc;
  };

  const subjectMax = (subjectId: string): number =>
    maxCache.get(subjectId, () => {
      let m = 0;
      for (const s of rawAll(subjectId).values()) if (s > m) m = s;
      return m;
    });

  const model: CooccurrenceModel = {
    method: 'cooccurrence',
    asOf: store.asOf,
    rejected,
    hasSubject: (id) => positives.has(id),
    hasItem: (id) => knownItems.has(id),
    subjectIds: () => [...positives.keys()].sort(compareIds),
    itemIds: () => [...knownItems].sort(compareIds),
    positives: (id) => positives.get(id) ?? [],
    raw,
    score(subjectId, itemId) {
      const r = raw(subjectId, itemId);
      if (r === null) return null;
      return normalizeScore(
        r,
        normalization,
        normalization === 'subjectMax' ? subjectMax(subjectId) : 1,
      );
    },
    recommend(subjectId, { k, excludeKnown = true }: RecommendOptions) {
      const pos = positives.get(subjectId);
      if (!pos) return [];
      const acc = rawAll(subjectId);
      const known = new Set(pos);
      // Items with a non-zero score first; zero-score items only fill a short list (id order).
      const entries: [string, number][] = [];
      for (const [itemId, r] of acc)
        if (!(excludeKnown && known.has(itemId))) entries.push([itemId, r]);
      if (entries.length < k) {
        for (const itemId of knownItems) {
          if (acc.has(itemId) || (excludeKnown && known.has(itemId))) continue;
          entries.push([itemId, 0]);
        }
      }
      const max = normalization === 'subjectMax' ? subjectMax(subjectId) : 1;
      return topK(entries, k, (r) => normalizeScore(r, normalization, max));
    },
    addInteractions(values: readonly unknown[]): UpdateReport {
      const { interactions: added, rejected: bad } = validateInteractions(values, { seenIds });
      const changed = store.add(sortInteractions(added));
      const subjects = new Set<string>();
      const items = new Set<string>();
      for (const p of changed) {
        subjects.add(p.subjectId);
        items.add(p.itemId);
        knownItems.add(p.itemId);
      }
      for (const s of [...subjects].sort(compareIds)) refreshSubject(s);
      maxCache.clear();
      return {
        accepted: added.length,
        rejected: bad,
        touchedSubjects: subjects.size,
        touchedItems: items.size,
      };
    },
    itemCount: (id) => itemCounts.get(id) ?? 0,
    coCount: (a, b) => (a === b ? (itemCounts.get(a) ?? 0) : (co.get(a)?.get(b) ?? 0)),
    similarity: (a, b) => (a === b ? similarityToSelf(a) : similarity(a, b)),
  };
  const similarityToSelf = (a: string): number => {
    const n = itemCounts.get(a) ?? 0;
    return n === 0 ? 0 : n / (n + shrinkage);
  };
  return model;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
