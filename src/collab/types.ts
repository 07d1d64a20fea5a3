/**
 * The contract every collaborative model (ALS, co-occurrence) fulfils, so the factor, the
 * bench and callers use them interchangeably.
 *
 * @module
 */
import type { BatchError } from '../model/parse.js';

/** The collaborative methods finmatch ships. */
export type CollaborativeMethod = 'als' | 'cooccurrence';

/**
 * How a model's raw preference becomes a value in [0, 1]. Both are monotone in the raw score,
 * deterministic, and independent of which targets are being ranked.
 *
 * - `subjectMax`: max(0, raw) / (the subject's largest raw score over **every** item the model
 *   knows). The subject's best item scores 1. Default.
 * - `clamp`: min(1, max(0, raw)). Natural for ALS, whose raw score estimates a 0/1 preference;
 *   co-occurrence raw scores are already in [0, 1] but small.
 */
export type ScoreNormalization = 'subjectMax' | 'clamp';

/** One recommended item. */
export interface RecommendedItem {
  itemId: string;
  /** Normalised score in [0, 1]. */
  score: number;
  /** The model's raw preference. */
  raw: number;
}

/** Options of {@link CollaborativeModel.recommend}. */
export interface RecommendOptions {
  /** How many items to return. */
  k: number;
  /** Leave out the items the subject already has positive feedback for. Default `true`. */
  excludeKnown?: boolean;
}

/** What {@link CollaborativeModel.addInteractions} changed. */
export interface UpdateReport {
  /** Interactions that passed validation and were added. */
  accepted: number;
  /** Rejected records with their issues (they are skipped, never thrown). */
  rejected: BatchError[];
  /** Subjects whose feedback changed. */
  touchedSubjects: number;
  /** Items whose feedback changed. */
  touchedItems: number;
}

/** A fitted collaborative model. `addInteractions` updates it in place. */
export interface CollaborativeModel {
  readonly method: CollaborativeMethod;
  /** Reference date of time decay. */
  readonly asOf: string;
  /** Records rejected by validation when the model was fitted. */
  readonly rejected: readonly BatchError[];
  /** Whether the model can score this subject (it has history); otherwise it is cold. */
  hasSubject(subjectId: string): boolean;
  /** Whether the model can score this item (it has history); otherwise it is cold. */
  hasItem(itemId: string): boolean;
  /** Ids of the subjects it can score, sorted. */
  subjectIds(): string[];
  /** Ids of the items it can score, sorted. */
  itemIds(): string[];
  /** Items with a positive net strength for the subject, sorted by id. */
  positives(subjectId: string): readonly string[];
  /** Raw preference, or `null` when the subject or the item is cold. */
  raw(subjectId: string, itemId: string): number | null;
  /** Preference in [0, 1] (see {@link ScoreNormalization}), or `null` when cold. */
  score(subjectId: string, itemId: string): number | null;
  /** The top `k` items for a subject, best first (ties by id); empty when cold. */
  recommend(subjectId: string, options: RecommendOptions): RecommendedItem[];
  /**
   * Adds interactions without a full refit; see each method for what is exact and what is
   * approximate. Invalid records are reported, the rest are used.
   */
  addInteractions(interactions: readonly unknown[]): UpdateReport;
}
