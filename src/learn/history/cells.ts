/**
 * A subject's cells (the vocabulary's indices of its feature values, the known prefix of each
 * path, ascending), or its leaves (the last cell of each known prefix: the finest value the
 * vocabulary knows, one per feature), read straight from its fields. A feature's path depends on one key (a
 * value's text or a size bucket, see {@link FeatureReader}), so each key's cells are looked up
 * once per encoder and copied for every later subject with that key: no feature object, path
 * array or `name=value` string per subject. At seed scale an index encodes 345,800 enterprises
 * whose 13 features have a few thousand keys in all.
 *
 * @module
 */
import {
  FEATURE_READERS,
  featureValues,
  forEachFeature,
  yearOf,
  type FeatureKey,
  type FeatureReader,
  type HistorySubject,
} from './features.js';

/** What the encoder needs of a vocabulary (see `Vocabulary` in `model.ts`). */
export interface CellVocabulary {
  /** Cell value (`sector=C39`) → index. */
  readonly index: ReadonlyMap<string, number>;
}

/**
 * Keys one feature remembers the cells of (the seed market's largest, region codes, has ≈ 3,000).
 * A custom attribute may take a new value on every subject (an identifier, say); past this many
 * keys its cells are looked up each time instead.
 */
export const MAX_REMEMBERED_KEYS = 16_384;

/**
 * Custom attributes whose keys' cells are remembered; the cells of attributes met after these
 * are looked up each time (attribute names come from callers' records, and an encoder lives as
 * long as its model).
 */
export const MAX_REMEMBERED_ATTRIBUTES = 256;

/**
 * Ints of the slabs the encoder cuts subjects' cells from: one backing store per slab (16 KB,
 * about 130 subjects' cells at seed scale), not one per subject. An index keeps 345,800
 * enterprises' cells; as separate arrays each was a backing store of its own, allocated,
 * tracked and freed by the garbage collector one by one. A slab lives while any cells cut
 * from it do: small, so that a subject kept among many dropped ones (an explained subject
 * between rankings of throwaway records) keeps at most 16 KB.
 */
export const CELL_SLAB_INTS = 4096;

/** Cells of one feature by key. */
type KeyCells = Map<FeatureKey, Int32Array>;

/**
 * Encodes subjects into cells, or leaves, over one vocabulary, for one evaluation date. A known
 * value's ancestors are known too (the vocabulary holds whole paths), so a feature's leaf
 * stands for its whole known prefix: a sum over the prefix's cells is a value of its leaf
 * (the model's path-summed vectors).
 */
export class CellEncoder {
  private readonly year: number;
  /** By reader slot: the fixed features' cells by key. */
  private readonly fixed: KeyCells[] = FEATURE_READERS.map(() => new Map());
  /** By feature name: the custom attributes' cells by key. */
  private readonly attributes = new Map<string, KeyCells>();
  private scratch = new Int32Array(64);
  private n = 0;
  /** The slab cells are cut from, and how much of it is used. */
  private slab = new Int32Array(0);
  private slabUsed = 0;
  private readonly visit = (reader: FeatureReader, slot: number | string, key: FeatureKey) =>
    this.append(reader, slot, key);

  /**
   * @param vocabulary - the cells known
   * @param asOf - the evaluation date (YYYY-MM-DD): an enterprise's age is counted to its year
   * @param leaves - encode each feature's leaf alone instead of its known prefix
   */
  constructor(
    private readonly vocabulary: CellVocabulary,
    asOf: string,
    private readonly leaves = false,
  ) {
    this.year = yearOf(asOf);
  }

  /**
   * The subject's cells, ascending: for each feature, the cells of its path's levels up to the
   * first the vocabulary does not know (the rest backs off), or (an encoder of leaves) the
   * last of them. The same as looking up every value of `subjectFeatures(subject, asOf)` that
   * way. A view of a slab the encoder shares between subjects: read it, never write it.
   */
  cells(subject: HistorySubject): Int32Array {
    this.n = 0;
    forEachFeature(subject, this.year, this.visit);
    const n = this.n;
    const sorted = this.scratch.subarray(0, n).sort();
    if (this.slabUsed + n > this.slab.length) {
      this.slab = new Int32Array(Math.max(CELL_SLAB_INTS, n));
      this.slabUsed = 0;
    }
    const out = this.slab.subarray(this.slabUsed, this.slabUsed + n);
    out.set(sorted);
    this.slabUsed += n;
    return out;
  }

  /** Appends the cells of the subject's `key` of one feature to the scratch. */
  private append(reader: FeatureReader, slot: number | string, key: FeatureKey): void {
    let memo: KeyCells | undefined;
    if (typeof slot === 'number') memo = this.fixed[slot]!;
    else if (
      !(memo = this.attributes.get(slot)) &&
      this.attributes.size < MAX_REMEMBERED_ATTRIBUTES
    )
      this.attributes.set(slot, (memo = new Map()));
    let cells = memo?.get(key);
    if (cells === undefined) {
      cells = this.lookUp(featureValues(reader, key));
      if (memo !== undefined && memo.size < MAX_REMEMBERED_KEYS) memo.set(key, cells);
    }
    const n = this.n;
    if (n + cells.length > this.scratch.length) {
      const grown = new Int32Array(Math.max(this.scratch.length * 2, n + cells.length));
      grown.set(this.scratch.subarray(0, n));
      this.scratch = grown;
    }
    const scratch = this.scratch;
    for (let i = 0; i < cells.length; i++) scratch[n + i] = cells[i]!;
    this.n = n + cells.length;
  }

  /** The cells of a path's known prefix (its values, `name=value`), or its last alone. */
  private lookUp(values: readonly string[]): Int32Array {
    const out: number[] = [];
    for (const value of values) {
      const c = this.vocabulary.index.get(value);
      if (c === undefined) break; // back off: the rest of the path is unknown
      out.push(c);
    }
    return Int32Array.from(this.leaves ? out.slice(-1) : out);
  }
}
