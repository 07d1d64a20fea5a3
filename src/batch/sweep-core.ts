/**
 * The two halves of a columnar sweep, shared by the worker threads and the in-process path.
 *
 * - {@link SweepEncoder} (the calling thread) encodes the enterprises chunk by chunk into
 *   shared columns — one Uint32 code column per subject key, one Float64 column per numeric
 *   column — and hands out the dictionary entries each chunk added ({@link DictionaryDelta}).
 * - {@link SweepRanker} (each worker) rebuilds the profile from its spec, extends its copy of
 *   the dictionaries with those entries and ranks the catalogue for a range of rows into typed
 *   arrays ({@link RankedChunk}): product row numbers, scores, optionally contributions. No
 *   object per enterprise is made on either side.
 *
 * A key's values are computed on one representative enterprise with that key, so any copy of
 * the dictionaries that maps the same keys to the same ids ranks exactly alike.
 *
 * @module
 */
import type { Locale } from '../i18n/locale.js';
import type { Enterprise, FinancialProduct, IndustrialChain, SpecialZone } from '../model/types.js';
import { profileFromSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { Profile } from '../engine/types.js';
import { CatalogueEngine } from '../compile/catalogue.js';
import { KeyDictionary } from '../compile/columns.js';
import { factorScoresOf, planProfile, type FastPlan } from '../compile/plan.js';

/** What every ranker is given once (structured-clone friendly; columns as SharedArrayBuffers). */
export interface SweepSetup {
  spec: ProfileSpec;
  asOf: string;
  locale: Locale;
  chains: IndustrialChain[];
  zones: SpecialZone[];
  /** Sorted by id. */
  products: FinancialProduct[];
  /** One Uint32 code column per subject key of the plan, a row per enterprise. */
  codes: SharedArrayBuffer[];
  /** One Float64 column per numeric column of the plan. */
  numbers: SharedArrayBuffer[];
  k: number;
  /** Also compute each match's factor contributions (the strategy's explanation arithmetic). */
  contributions: boolean;
}

/** Dictionary entries added since the previous delta: per key, the new keys and their representatives. */
export interface DictionaryDelta {
  keys: string[][];
  reps: Enterprise[][];
}

/**
 * The ranked rows [start, start + counts.length): row `i` has `counts[i]` matches, best first,
 * stored from `offsets[i]` in `products` (catalogue row numbers) and `scores`.
 */
export interface RankedChunk {
  start: number;
  counts: Uint32Array;
  products: Int32Array;
  scores: Float64Array;
  /** When asked: per match, one contribution per factor (profile order). */
  contributions?: Float64Array;
}

/** The profile of a setup, rebuilt from its spec, and its plan. */
export function planOf(
  setup: Pick<SweepSetup, 'spec' | 'asOf' | 'locale' | 'chains' | 'zones'>,
): FastPlan<Enterprise, FinancialProduct> {
  const reference = {
    chains: new Map(setup.chains.map((c) => [c.id, c])),
    zones: new Map(setup.zones.map((z) => [z.id, z])),
  };
  const profile = profileFromSpec(setup.spec, { market: 'enterpriseProduct' }) as Profile<
    Enterprise,
    FinancialProduct
  >;
  const plan = planProfile(profile, { asOf: setup.asOf, locale: setup.locale, reference });
  if (!plan) throw new Error('sweep: the profile has a part without fast-path hooks');
  return plan;
}

/**
 * Encodes enterprises into shared columns, in row order, chunk by chunk (the calling thread's
 * share of a sweep: one key call per key and enterprise, one column call per numeric column).
 */
export class SweepEncoder {
  readonly dicts: KeyDictionary<Enterprise>[];
  readonly codeBuffers: SharedArrayBuffer[];
  readonly numberBuffers: SharedArrayBuffer[];
  private readonly codes: Uint32Array[];
  private readonly numbers: Float64Array[];
  /** Per key: the dictionary size at the last {@link SweepEncoder.delta}. */
  private readonly sent: number[];

  constructor(
    private readonly plan: FastPlan<Enterprise, FinancialProduct>,
    private readonly subjects: readonly Enterprise[],
  ) {
    const n = subjects.length;
    this.dicts = plan.keys.map((fn) => new KeyDictionary<Enterprise>(fn));
    this.codeBuffers = plan.keys.map(() => new SharedArrayBuffer(Math.max(1, n) * 4));
    this.numberBuffers = plan.columns.map(() => new SharedArrayBuffer(Math.max(1, n) * 8));
    this.codes = this.codeBuffers.map((b) => new Uint32Array(b));
    this.numbers = this.numberBuffers.map((b) => new Float64Array(b));
    this.sent = plan.keys.map(() => 0);
  }

  /** Encodes rows [start, end). */
  encode(start: number, end: number): void {
    const { env, columns } = this.plan;
    const { dicts, codes, numbers, subjects } = this;
    for (let row = start; row < end; row++) {
      const subject = subjects[row]!;
      for (let k = 0; k < dicts.length; k++) codes[k]![row] = dicts[k]!.intern(subject, env);
      for (let c = 0; c < columns.length; c++) numbers[c]![row] = columns[c]!.column(subject, env);
    }
  }

  /** The dictionary entries added since the previous call; null when there are none. */
  delta(): DictionaryDelta | null {
    let added = false;
    const keys: string[][] = [];
    const reps: Enterprise[][] = [];
    this.dicts.forEach((d, k) => {
      const from = this.sent[k]!;
      keys.push(d.keys.slice(from));
      reps.push(d.reps.slice(from));
      if (d.size > from) added = true;
      this.sent[k] = d.size;
    });
    return added ? { keys, reps } : null;
  }
}

/**
 * Ranks rows of the shared columns against the catalogue (a worker's share of a sweep, or the
 * calling thread's with `threads: 0`).
 */
export class SweepRanker {
  private readonly plan: FastPlan<Enterprise, FinancialProduct>;
  private readonly dicts: KeyDictionary<Enterprise>[];
  private readonly engine: CatalogueEngine<Enterprise, FinancialProduct>;
  private readonly codes: Uint32Array[];
  private readonly numbers: Float64Array[];
  private readonly rowCodes: Uint32Array;
  private readonly rowNumbers: Float64Array;
  private readonly topRows: Int32Array;
  private readonly topScores: Float64Array;

  /**
   * @param dicts - the encoder's dictionaries, when ranking on its thread (then no
   *   {@link SweepRanker.extend} is needed); by default empty ones, extended by deltas
   */
  constructor(
    private readonly setup: SweepSetup,
    dicts?: KeyDictionary<Enterprise>[],
  ) {
    this.plan = planOf(setup);
    this.dicts = dicts ?? this.plan.keys.map((fn) => new KeyDictionary<Enterprise>(fn));
    this.engine = new CatalogueEngine(this.plan, setup.products, this.dicts);
    this.codes = setup.codes.map((b) => new Uint32Array(b));
    this.numbers = setup.numbers.map((b) => new Float64Array(b));
    this.rowCodes = new Uint32Array(this.codes.length);
    this.rowNumbers = new Float64Array(this.numbers.length);
    this.topRows = new Int32Array(setup.k);
    this.topScores = new Float64Array(setup.k);
  }

  /** Appends the encoder's new dictionary entries (in the order it added them). */
  extend(delta: DictionaryDelta): void {
    this.dicts.forEach((d, k) => {
      const keys = delta.keys[k]!;
      const reps = delta.reps[k]!;
      for (let i = 0; i < keys.length; i++) {
        d.ids.set(keys[i]!, d.keys.length);
        d.keys.push(keys[i]!);
        d.reps.push(reps[i]!);
      }
    });
  }

  /** Ranks rows [start, end). */
  rank(start: number, end: number): RankedChunk {
    const { engine, plan, codes, numbers, rowCodes, rowNumbers, topRows, topScores } = this;
    const { k } = this.setup;
    const nF = plan.factorNames.length;
    const columnar = plan.strategy !== null;
    const counts = new Uint32Array(end - start);
    // At most k matches per row: the arrays are sized once and trimmed at the end.
    const capacity = (end - start) * k;
    const products = new Int32Array(capacity);
    const scores = new Float64Array(capacity);
    const contributions = this.setup.contributions ? new Float64Array(capacity * nF) : undefined;
    let p = 0;
    for (let row = start; row < end; row++) {
      for (let c = 0; c < codes.length; c++) rowCodes[c] = codes[c]![row]!;
      for (let c = 0; c < numbers.length; c++) rowNumbers[c] = numbers[c]![row]!;
      let count: number;
      if (columnar) {
        count = engine.rankInto(rowCodes, rowNumbers, [], k, topRows, topScores);
      } else {
        const ranked = engine.rank(rowCodes, rowNumbers, [], k);
        count = ranked ? ranked.length : -1;
        ranked?.forEach((r, i) => {
          topRows[i] = r.row;
          topScores[i] = r.score;
        });
      }
      if (count < 0) throw new Error('sweep: a factor returned an invalid value');
      counts[row - start] = count;
      for (let i = 0; i < count; i++, p++) {
        products[p] = topRows[i]!;
        scores[p] = topScores[i]!;
        if (contributions) {
          const values = engine.factorValues(rowCodes, rowNumbers, [], topRows[i]!);
          const c = plan.profile.strategy.combine({ factors: factorScoresOf(plan, values) });
          for (let f = 0; f < nF; f++)
            contributions[p * nF + f] = c.contributions[plan.factorNames[f]!] ?? 0;
        }
      }
    }
    return {
      start,
      counts,
      products: p === capacity ? products : products.slice(0, p),
      scores: p === capacity ? scores : scores.slice(0, p),
      ...(contributions ? { contributions: contributions.slice(0, p * nF) } : {}),
    };
  }
}
