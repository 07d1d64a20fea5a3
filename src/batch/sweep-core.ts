/**
 * The work of one sweep shard, shared by the worker thread and the in-process path: rebuild
 * the profile from its spec and the dictionaries from their keys and representatives, view
 * the shared code and number columns, and rank the catalogue for each row of the shard.
 *
 * @module
 */
import type { Locale } from '../i18n/locale.js';
import type { Enterprise, FinancialProduct, IndustrialChain, SpecialZone } from '../model/types.js';
import { profileFromSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { Profile } from '../engine/types.js';
import { CatalogueEngine } from '../compile/catalogue.js';
import { KeyDictionary } from '../compile/columns.js';
import { factorScoresOf, planProfile } from '../compile/plan.js';

/** What a shard is given (structured-clone friendly; columns as SharedArrayBuffers). */
export interface SweepShardInput {
  spec: ProfileSpec;
  asOf: string;
  locale: Locale;
  chains: IndustrialChain[];
  zones: SpecialZone[];
  /** Sorted by id. */
  products: FinancialProduct[];
  /** Per key: the key strings in id order, and one representative enterprise each. */
  dictionaries: { keys: string[]; reps: Enterprise[] }[];
  codes: SharedArrayBuffer[];
  /** Bytes per code of each code column (1, 2 or 4). */
  codeBytes: number[];
  numbers: SharedArrayBuffer[];
  /** Rows [start, end) of the columns. */
  start: number;
  end: number;
  k: number;
  /** Rows per posted batch. */
  batchSize: number;
  /** Also compute each match's factor contributions (the strategy's explanation arithmetic). */
  contributions?: boolean;
}

/** A batch of results: for each row, `counts[i]` products (row numbers) and scores. */
export interface SweepBatch {
  start: number;
  counts: Uint8Array | Uint16Array | Uint32Array;
  products: Int32Array;
  scores: Float64Array;
  /** When asked: per match, one contribution per factor (profile order). */
  contributions?: Float64Array;
}

/** Runs a shard, handing each batch to `emit`. */
export function runSweepShard(input: SweepShardInput, emit: (batch: SweepBatch) => void): void {
  for (const batch of sweepShardBatches(input)) emit(batch);
}

/** A shard's batches, produced one at a time (so a caller holds one batch, not the shard). */
export function* sweepShardBatches(input: SweepShardInput): Generator<SweepBatch> {
  const reference = {
    chains: new Map(input.chains.map((c) => [c.id, c])),
    zones: new Map(input.zones.map((z) => [z.id, z])),
  };
  const profile = profileFromSpec(input.spec, { market: 'enterpriseProduct' }) as Profile<
    Enterprise,
    FinancialProduct
  >;
  const plan = planProfile(profile, { asOf: input.asOf, locale: input.locale, reference });
  if (!plan) throw new Error('sweep: the profile has a part without fast-path hooks');
  const dicts = plan.keys.map((fn, i) => {
    const d = new KeyDictionary<Enterprise>(fn);
    const { keys, reps } = input.dictionaries[i]!;
    keys.forEach((key, id) => {
      d.ids.set(key, id);
      d.keys.push(key);
      d.reps.push(reps[id]!);
    });
    return d;
  });
  const engine = new CatalogueEngine(plan, input.products, dicts);
  const codes = input.codes.map((b, i) => {
    const bytes = input.codeBytes[i];
    return bytes === 1 ? new Uint8Array(b) : bytes === 2 ? new Uint16Array(b) : new Uint32Array(b);
  });
  const numbers = input.numbers.map((b) => new Float64Array(b));
  const rowCodes = new Uint32Array(codes.length);
  const rowNumbers = new Float64Array(numbers.length);
  const k = input.k;
  const topRows = new Int32Array(k);
  const topScores = new Float64Array(k);
  const nF = plan.factorNames.length;
  const columnar = plan.strategy !== null;
  for (let start = input.start; start < input.end; start += input.batchSize) {
    const end = Math.min(input.end, start + input.batchSize);
    const counts = new Uint32Array(end - start);
    // At most k matches per row: the batch's arrays are sized once and trimmed at the end.
    const capacity = (end - start) * k;
    const products = new Int32Array(capacity);
    const scores = new Float64Array(capacity);
    const contributions = input.contributions ? new Float64Array(capacity * nF) : undefined;
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
          const c = profile.strategy.combine({ factors: factorScoresOf(plan, values) });
          plan.factorNames.forEach((name, f) => {
            contributions[p * nF + f] = c.contributions[name] ?? 0;
          });
        }
      }
    }
    yield {
      start,
      counts,
      products: products.slice(0, p),
      scores: scores.slice(0, p),
      ...(contributions ? { contributions: contributions.slice(0, p * nF) } : {}),
    };
  }
}
