/**
 * `sweep`: the top products for every enterprise, on `threads` threads: the calling thread and
 * `threads − 1` workers. Chunks of enterprises — the caller's records as they are, or byte
 * ranges of a JSON Lines file — are read, validated and encoded into columns, and ranked (see
 * `sweep-core.ts`), every thread given the catalogue and the profile as a {@link ProfileSpec}
 * once. The calling thread loads the chunks, one at a time between passing the workers their
 * tasks and their answers on, and a worker ranks the columns of a chunk loaded there: typed
 * arrays handed over, not copied, with the key representatives new to that worker. Sending
 * workers the records themselves cost a structured clone here and its deserialisation there
 * (outside the chunks' own work, ≈ 2.9 s of the two threads' CPU in a seed-scale sweep on 2
 * threads, against ≈ 1.7 s with columns; per-thread CPU, loaded machine), so a worker loads
 * a chunk itself only when the calling thread cannot keep it busy (many workers). Every chunk is loaded before the first
 * result goes out, so bad input fails the sweep before it yields anything, exactly as the
 * reference path reports it; the calling thread ranks what the workers have not taken once
 * every chunk is loaded, and a thread that runs out takes over a busier one's. Threads answer
 * in typed arrays (product row numbers, scores, contributions when asked):
 * {@link sweepBatches} yields them as {@link SweepBatch}es without an object per enterprise;
 * {@link sweep} builds the {@link SweepResult} objects from them. Workers (`worker-pool.ts`)
 * and, after a sweep that finished, every thread's rankers with the tables they filled
 * (`kept-rankers.ts`) are kept for the next sweep of the same setup.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { parseAll } from '../model/parse.js';
import { isValidated } from '../model/validated.js';
import { FileError } from '../errors.js';
import { throwReferenceIssues, type ReferenceCheck } from '../engine/matchers/options.js';
import type { FileVersion } from './sweep-file.js';
import type {
  Enterprise,
  EnterpriseInput,
  FinancialProduct,
  FinancialProductInput,
  IndustrialChain,
  Institution,
  Interaction,
  SpecialZone,
} from '../model/types.js';
import { createProductMatcher } from '../engine/matchers/product-matcher.js';
import { customParts, type SpecParts } from '../engine/profiles/spec.js';
import { scoresAlone, type FastPlan } from '../compile/plan.js';
import { enterpriseProductProfile } from '../engine/profiles/enterprise-product.js';
import { profileFromSpec, profileToSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { Profile } from '../engine/types.js';
import { sortById } from '../util/compare.js';
import { planProfile } from '../compile/plan.js';
import { checkSweepOptions, type CheckedSweepOptions } from './sweep-options.js';
export {
  MAX_SWEEP_BATCH_SIZE,
  MAX_SWEEP_K,
  MAX_SWEEP_THREADS,
  DEFAULT_SWEEP_THREADS,
  DEFAULT_SWEEP_WORKER_IDLE_MS,
  MAX_SWEEP_WORKER_IDLE_MS,
} from './sweep-options.js';
export { closeSweepWorkers } from './worker-pool.js';
import { giveBackWorker, takeWorkers } from './worker-pool.js';
import { giveBackRankers, noteWorkerSetup, takeRankers } from './kept-rankers.js';
import {
  SweepRankers,
  errorText,
  runTask,
  type ChunkSource,
  type LoadedChunk,
  type RankedChunk,
  type SweepSetup,
  type SweepTask,
} from './sweep-core.js';

/**
 * Tasks (a chunk to load or to rank) queued on a worker at most. Two keep a worker busy while
 * its next task is sent and its last answer read; more would only give a slow worker (a busy
 * core) work a faster one could do.
 */
export const SWEEP_CHUNKS_AHEAD = 2;

/** One product of a sweep result. */
export interface SweepMatch {
  productId: string;
  /** Exactly the score `rankProducts` gives the pair. */
  score: number;
  rank: number;
  /** Each factor's contribution to the score, when {@link SweepOptions.contributions} is set. */
  contributions?: Record<string, number>;
}

/** The top products of one enterprise. */
export interface SweepResult {
  enterpriseId: string;
  matches: SweepMatch[];
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** Products per enterprise, 1..{@link MAX_SWEEP_K}. Default 10. */
  k?: number;
  /**
   * Threads that sweep, 0..{@link MAX_SWEEP_THREADS} (the machine's cores), counting the calling
   * thread: `threads: n` starts `n − 1` workers and the calling thread sweeps chunks too, between
   * handing the workers theirs and passing their answers on — so a sweep keeps `n` cores busy,
   * and the calling thread's event loop runs only between chunks (one chunk's work at a time,
   * tens of milliseconds at the default {@link SweepOptions.batchSize}). 0 and 1 both sweep on
   * this thread alone. Default: every core.
   */
  threads?: number;
  /** Called as rows complete: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** The profile as data. Default: the shipped enterprise–product profile. */
  profile?: ProfileSpec;
  /** Evaluation date (YYYY-MM-DD). Required for reproducible results. */
  asOf: string;
  locale?: Locale;
  chains?: readonly IndustrialChain[];
  zones?: readonly SpecialZone[];
  /** Institutions (reference data of the learned factors' back-off and of bundles). */
  institutions?: readonly Institution[];
  /**
   * Outcome history the profile's learned, collaborative and text factors are prepared on,
   * exactly as `createProductMatcher` prepares them (with `subjects`: the records of the
   * enterprises the history names).
   */
  interactions?: readonly Interaction[];
  /** Records of the subjects named in `interactions` (see `MatcherOptions.subjects`). */
  subjects?: readonly (Enterprise | EnterpriseInput)[];
  /**
   * Custom parts the profile spec names (see `profileFromSpec`); a profile with custom code
   * runs on this thread (workers cannot receive code).
   */
  parts?: SpecParts;
  /** Include each match's factor contributions (as `rankProducts` reports them). Default false. */
  contributions?: boolean;
  /**
   * Yield results in enterprise-id order across threads (a chunk that finishes early waits in
   * memory until the earlier ones are out). Default false: each chunk's results as they come.
   */
  ordered?: boolean;
  /** Enterprises per chunk (a worker's unit of work and one {@link SweepBatch}), 1..{@link MAX_SWEEP_BATCH_SIZE}. Default 2,000. */
  batchSize?: number;
  /**
   * Path of the worker script. Default: `sweep-worker.cjs` next to this module (the built
   * package's `dist/`).
   */
  workerPath?: string | URL;
  /**
   * How long (ms) what a sweep keeps for the next sweep in this process is kept, idle,
   * 0..{@link MAX_SWEEP_WORKER_IDLE_MS}:
   *
   * - its workers: a kept worker skips the thread's start and V8's compile of the ranking code
   *   on it (≈ 0.5 s of CPU per worker at seed scale); it holds its thread's memory while idle,
   *   and never keeps the process alive. Only workers that have answered their setup and every
   *   task, and never failed, are kept (worker by worker, whether or not the sweep as a whole
   *   succeeded);
   * - after a sweep that finished, its rankers on every thread: the catalogue's tables they
   *   filled and the keys they met (≈ 9 MB on the calling thread at seed scale). The next sweep
   *   with the same catalogue, profile, `asOf`, locale, reference data, `k`, `contributions`,
   *   shard and output — any enterprises — takes them instead of filling new ones: a sweep of
   *   2,000 seed-scale enterprises again in a warm process took ≈ 30 ms instead of ≈ 65, a
   *   whole-market one 0.2–0.4 s less. One setup is kept, the last. While kept, its
   *   dictionaries gain the keys of every sweep that takes it (they level off at the number of
   *   distinct keys: ≈ 50,000 over all keys at seed scale).
   *
   * `closeSweepWorkers()` drops both at once. 0: nothing is kept after this sweep (workers
   * closed, and awaited, when it ends); it still takes what an earlier sweep kept. Default
   * {@link DEFAULT_SWEEP_WORKER_IDLE_MS} (30 s).
   */
  workerIdleMs?: number;
}

/**
 * Sweep results of consecutive enterprises (in id order) in columns: the matches of enterprise
 * `enterpriseIds[start + i]` are entries `offsets[i]` … `offsets[i + 1] − 1` of `products`
 * (indexes into `productIds`) and `scores`, best first (rank = position + 1). No object per
 * enterprise or match exists until {@link SweepBatch.result} is called.
 */
export class SweepBatch {
  /**
   * @param start - position of the batch's first enterprise in {@link SweepBatch.enterpriseIds}
   * @param enterpriseIds - every swept enterprise id, ascending (shared by all batches)
   * @param productIds - the catalogue's product ids, ascending (shared by all batches)
   * @param factorNames - the profile's factor names: the columns of `contributions`
   * @param offsets - per enterprise of the batch, its first match; one more entry at the end
   * @param products - per match, the product's index in `productIds`
   * @param scores - per match, exactly the score `rankProducts` gives the pair
   * @param contributions - when asked: per match, one contribution per factor (`factorNames` order)
   * @param jsonl - when the sweep was asked to render them (`finmatch sweep` does): the
   *   batch's JSON lines, as the `jsonl` output writes them
   */
  constructor(
    readonly start: number,
    readonly enterpriseIds: readonly string[],
    readonly productIds: readonly string[],
    readonly factorNames: readonly string[],
    readonly offsets: Uint32Array,
    readonly products: Int32Array,
    readonly scores: Float64Array,
    readonly contributions?: Float64Array,
    readonly jsonl?: Uint8Array,
  ) {}

  /** Enterprises in the batch. */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** Matches in the batch. */
  get matchCount(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  /** The id of the batch's enterprise `i` (0 ≤ i < size). */
  enterpriseId(i: number): string {
    return this.enterpriseIds[this.start + i]!;
  }

  /** The batch's enterprise `i` (0 ≤ i < size) as a {@link SweepResult}, built now. */
  result(i: number): SweepResult {
    const { offsets, products, scores, productIds, contributions, factorNames } = this;
    const nF = factorNames.length;
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    const matches: SweepMatch[] = [];
    for (let p = from; p < to; p++) {
      const match: SweepMatch = {
        productId: productIds[products[p]!]!,
        score: scores[p]!,
        rank: p - from + 1,
      };
      if (contributions) {
        const c: Record<string, number> = {};
        for (let f = 0; f < nF; f++) c[factorNames[f]!] = contributions[p * nF + f]!;
        match.contributions = c;
      }
      matches.push(match);
    }
    return { enterpriseId: this.enterpriseIds[this.start + i]!, matches };
  }

  /** Every enterprise of the batch as a {@link SweepResult}. */
  results(): SweepResult[] {
    return Array.from({ length: this.size }, (_, i) => this.result(i));
  }
}

/** What both forms of the sweep start from: checked options, the profile and its plan. */
interface Prepared {
  checked: CheckedSweepOptions;
  locale: Locale;
  spec: ProfileSpec;
  profile: Profile<Enterprise, FinancialProduct>;
  chains: IndustrialChain[];
  zones: SpecialZone[];
  /** The reference data and date the records are checked against, as the matchers check them. */
  references: ReferenceCheck;
  /** Null: the profile sweeps through the product matcher on this thread. */
  plan: FastPlan<Enterprise, FinancialProduct> | null;
}

function prepare(options: SweepOptions): Prepared {
  const checked = checkSweepOptions(options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const spec = options.profile ?? profileToSpec(enterpriseProductProfile());
  const chains = parseAll('chain', options.chains ?? [], { locale });
  const zones = parseAll('zone', options.zones ?? [], { locale });
  const reference = {
    chains: new Map(chains.map((c) => [c.id, c])),
    zones: new Map(zones.map((z) => [z.id, z])),
  };
  const institutions = parseAll('institution', options.institutions ?? [], { locale });
  const references: ReferenceCheck = {
    market: 'enterpriseProduct',
    asOf: checked.asOf,
    locale,
    ...reference,
    institutions: new Map(institutions.map((i) => [i.id, i])),
  };
  const profile = profileFromSpec(spec, {
    ...options.parts,
    market: 'enterpriseProduct',
  }) as Profile<Enterprise, FinancialProduct>;
  const plan = planProfile(profile, { asOf: checked.asOf, locale, reference });
  // The shared-column worker path covers profiles that need no preparation on data and whose
  // ranking is the kernel's score alone; every other profile ranks through the product
  // matcher, on this thread — the same results as `rankProducts`, by construction.
  const general =
    !plan ||
    !scoresAlone(plan) ||
    plan.vectors.length > 0 ||
    profile.rerankers.length > 0 ||
    (options.interactions?.length ?? 0) > 0 ||
    customParts(profile).length > 0;
  return {
    checked,
    locale,
    spec,
    profile,
    chains,
    zones,
    references,
    plan: general ? null : plan,
  };
}

/**
 * The catalogue, validated and in id order, its products checked against the reference data
 * as `createProductMatcher` checks them.
 *
 * @throws ValidationError naming every bad product.
 */
function checkedCatalogue(
  products: readonly (FinancialProduct | FinancialProductInput)[],
  prepared: Prepared,
): FinancialProduct[] {
  const catalogue = inIdOrder(parseAll('product', products, { locale: prepared.locale }));
  throwReferenceIssues(prepared.references, { targets: catalogue, catalogue });
  return catalogue;
}

/** Records in id order: sorted only when they are not already (files usually are). */
function inIdOrder<R extends { id: string }>(records: R[]): R[] {
  for (let i = 1; i < records.length; i++)
    if (records[i - 1]!.id >= records[i]!.id) return sortById(records);
  return records;
}

/**
 * Streams the top `k` products for every enterprise as {@link SweepResult} objects. Each
 * chunk's results come in enterprise-id order; chunks interleave unless `ordered` is set.
 * For millions of results, {@link sweepBatches} gives the same results in columns, without
 * building an object per enterprise and match.
 *
 * @throws {@link OptionError} on bad options; ProfileError when the profile spec is invalid;
 * ValidationError, before any result, naming every invalid enterprise or product, or every one
 * the matchers would refuse for its references or dates (an enterprise founded or certified
 * after `asOf` or naming a chain or zone not given, a product naming an institution, chain,
 * zone or combined product not given) — as `createProductMatcher` and `rankProducts` do.
 */
export async function* sweep(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  options: SweepOptions,
): AsyncGenerator<SweepResult> {
  const prepared = prepare(options);
  if (!prepared.plan) {
    yield* sweepThroughMatcher(enterprises, products, prepared, options);
    return;
  }
  for await (const batch of columnarBatches(enterprises, products, prepared, options))
    for (let i = 0; i < batch.size; i++) yield batch.result(i);
}

/**
 * The top `k` products for every enterprise, as {@link SweepBatch}es of consecutive
 * enterprises: exactly {@link sweep}'s results (same options), in typed arrays. The fast form
 * for whole-market jobs — a writer reads the columns directly (as `finmatch sweep` does).
 *
 * @throws {@link OptionError} on bad options; ProfileError when the profile spec is invalid;
 * ValidationError, before any result, naming every invalid enterprise or product, or every one
 * the matchers would refuse for its references or dates (an enterprise founded or certified
 * after `asOf` or naming a chain or zone not given, a product naming an institution, chain,
 * zone or combined product not given) — as `createProductMatcher` and `rankProducts` do.
 */
export async function* sweepBatches(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  options: SweepOptions,
): AsyncGenerator<SweepBatch> {
  const prepared = prepare(options);
  if (prepared.plan) {
    yield* columnarBatches(enterprises, products, prepared, options);
    return;
  }
  // Through the matcher: its results, a batch at a time, put into columns.
  const productIds = sortById(parseAll('product', products, { locale: prepared.locale })).map(
    (p) => p.id,
  );
  const indexOf = new Map(productIds.map((id, i) => [id, i]));
  const factorNames = prepared.profile.factors.map((f) => f.factor.name);
  const nF = factorNames.length;
  let ids: string[] = [];
  let results: SweepResult[] = [];
  let start = 0;
  const flush = (): SweepBatch => {
    const offsets = new Uint32Array(results.length + 1);
    results.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.matches.length));
    const total = offsets[results.length]!;
    const index = new Int32Array(total);
    const scores = new Float64Array(total);
    const contributions = prepared.checked.contributions ? new Float64Array(total * nF) : undefined;
    let p = 0;
    for (const r of results)
      for (const m of r.matches) {
        index[p] = indexOf.get(m.productId)!;
        scores[p] = m.score;
        if (contributions)
          for (let f = 0; f < nF; f++)
            contributions[p * nF + f] = m.contributions?.[factorNames[f]!] ?? 0;
        p++;
      }
    const batch = new SweepBatch(
      start,
      ids,
      productIds,
      factorNames,
      offsets,
      index,
      scores,
      contributions,
    );
    start += results.length;
    results = [];
    return batch;
  };
  for await (const r of sweepThroughMatcher(
    enterprises,
    products,
    prepared,
    options,
    (all) => (ids = all),
  )) {
    results.push(r);
    if (results.length === prepared.checked.batchSize) yield flush();
  }
  if (results.length > 0) yield flush();
}

/**
 * The enterprises of a columnar sweep: the caller's records (raw or validated), or byte ranges
 * of a UTF-8 JSON Lines file that the sweeping threads read themselves (`finmatch sweep`).
 */
export type SweepInput =
  | { records: readonly unknown[]; trusted?: boolean }
  | { file: string; ranges: readonly (readonly [number, number])[]; version: FileVersion };

/**
 * Thrown by {@link sweepInput} — before it yields anything — when some enterprise is not swept
 * on the fast path (a record that fails validation, an id used twice, a line that is not JSON…):
 * the caller then reads the input the reference way, which reports each such record exactly
 * as it always has.
 */
export class SweepInputProblem extends Error {
  constructor(readonly reason: string) {
    super(`sweep: the enterprises need the reference reader (${reason})`);
  }
}

/** The shared-column sweep of the caller's records, with the reference path's errors. */
async function* columnarBatches(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  prepared: Prepared,
  options: SweepOptions,
): AsyncGenerator<SweepBatch> {
  const { locale } = prepared;
  // Not an array (or an unreadable one): exactly the error `parseAll` gives.
  if (!Array.isArray(enterprises)) parseAll('enterprise', enterprises, { locale });
  const catalogue = checkedCatalogue(products, prepared);
  try {
    yield* sweepInput({ records: enterprises }, catalogue, prepared, options);
  } catch (error) {
    if (!(error instanceof SweepInputProblem)) throw error;
    // Some record needs the reference path: it throws the ValidationError naming every bad
    // record (index, id, path, message), as it always has, then every record naming reference
    // data not given or dated after asOf, as `rankProducts` would. Records it accepts after
    // all (a Proxy a worker could not be sent, say) are swept as the validated copies it
    // returns.
    const valid = parseAll('enterprise', enterprises, { locale });
    throwReferenceIssues(prepared.references, { subjects: valid });
    try {
      yield* sweepInput({ records: valid, trusted: true }, catalogue, prepared, options);
    } catch (again) {
      if (!(again instanceof SweepInputProblem)) throw again;
      // Valid records that still cannot be sent to a worker (a Proxy the validator returned
      // as it was): ranked on this thread.
      const here = { ...prepared, checked: { ...prepared.checked, threads: 0 } };
      yield* sweepInput({ records: valid, trusted: true }, catalogue, here, options);
    }
  }
}

/**
 * The error of a sweep whose enterprises file changed while the sweeping threads read it (see
 * {@link FileVersion}): thrown before any result, as every chunk is loaded first.
 */
function fileChanged(input: SweepInput): FileError {
  const path = 'file' in input ? input.file : '';
  const shown = JSON.stringify(path);
  return new FileError('read', path, {
    en: `${shown} changed while it was read (moved away or over, written to or truncated): its records would come from two versions, so no result was produced; sweep it again once it is complete`,
    zh: `${shown} 在读取期间被改动（被移走或替换、写入或截断）：其记录将来自两个版本，因此没有产生任何结果；请在文件完整后重新运行`,
  });
}

/** Where each chunk's rows go in the output, once every chunk is loaded. */
interface Arrangement {
  /** Every swept enterprise id, ascending. */
  enterpriseIds: string[];
  /** Streamed: the position of each chunk's first row in `enterpriseIds`. */
  starts?: number[];
  /** Otherwise (the input was not in id order): each chunk row's position in `enterpriseIds`. */
  positions?: Uint32Array[];
}

/**
 * Checks the loaded chunks' ids — unique across the input, as validation requires — and says
 * where their rows go: input already in id order (files usually are) streams chunk by chunk;
 * otherwise the results are put in id order once all are in.
 */
function arrange(loaded: readonly LoadedChunk[]): Arrangement {
  const keptOf = (l: LoadedChunk) => (l.kept ? Array.from(l.kept, (i) => l.ids[i]!) : l.ids);
  let ordered = true;
  let last: string | undefined;
  for (const l of loaded) {
    if (l.ids.length === 0) continue;
    if (!l.ascending || (last !== undefined && !(last < l.ids[0]!))) ordered = false;
    last = l.ids[l.ids.length - 1];
  }
  if (ordered) {
    const starts: number[] = [];
    let at = 0;
    const kept = loaded.map((l) => {
      const ids = keptOf(l);
      starts.push(at);
      at += ids.length;
      return ids;
    });
    return { enterpriseIds: concatenated(kept), starts };
  }
  const all = concatenated(loaded.map((l) => l.ids)).sort();
  for (let i = 1; i < all.length; i++)
    if (all[i - 1] === all[i]) throw new SweepInputProblem('an id used twice');
  const rows = loaded.flatMap((l, c) => keptOf(l).map((id, row) => ({ id, c, row })));
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  const positions = loaded.map((l) => new Uint32Array(l.kept ? l.kept.length : l.ids.length));
  rows.forEach((r, i) => (positions[r.c]![r.row] = i));
  return { enterpriseIds: rows.map((r) => r.id), positions };
}

/**
 * The arrays one after another. `Array.prototype.concat` copies each in one go, where `flat()`
 * reads element by element (≈ 15× slower on a market's ids, all on the calling thread).
 */
function concatenated<T>(arrays: readonly T[][]): T[] {
  // In groups, so a sweep of many small chunks stays under the engine's argument limit.
  const groups: T[][] = [];
  for (let i = 0; i < arrays.length; i += CONCAT_GROUP)
    groups.push(([] as T[]).concat(...arrays.slice(i, i + CONCAT_GROUP)));
  return ([] as T[]).concat(...groups);
}

/** Arrays concatenated per call: far below V8's argument limit (≈ 65,000 on a default stack). */
const CONCAT_GROUP = 4096;

/**
 * Sweeps `input` against the (validated, id-ordered) `catalogue` on this thread and
 * `threads − 1` workers: every chunk is loaded — read, validated and encoded — before any
 * result is yielded, so a problem with the input ({@link SweepInputProblem}) is thrown before
 * the first batch. This thread loads the chunks and the workers rank them from its columns as
 * they come (a worker loads one itself only when none is ready and it has nothing queued);
 * once all are loaded, this thread ranks too, and a thread that runs out takes over a busier
 * one's. This thread runs one task of its own at a time, then lets the workers' answers in.
 */
async function* sweepInput(
  input: SweepInput,
  catalogue: FinancialProduct[],
  prepared: Prepared,
  options: SweepOptions,
  shard?: { index: number; count: number },
  renderJsonl = false,
): AsyncGenerator<SweepBatch> {
  const { checked, locale } = prepared;
  const plan = prepared.plan!;
  const size = checked.batchSize;
  const setup: SweepSetup = {
    spec: prepared.spec,
    asOf: checked.asOf,
    locale,
    chains: prepared.chains,
    zones: prepared.zones,
    products: catalogue,
    k: checked.k,
    contributions: checked.contributions,
    ...(shard ? { shard } : {}),
    ...(renderJsonl ? { renderJsonl } : {}),
  };
  const chunkCount =
    'records' in input ? Math.ceil(input.records.length / size) : input.ranges.length;
  const sourceOf = (c: number): ChunkSource => {
    if ('file' in input) {
      const [start, end] = input.ranges[c]!;
      return { path: input.file, start, end, first: start === 0, version: input.version };
    }
    const records = input.records.slice(c * size, (c + 1) * size);
    return {
      records,
      trusted: input.trusted === true || records.every((r) => isValidated('enterprise', r)),
    };
  };
  const productIds = catalogue.map((p) => p.id);
  const factorNames = plan.factorNames;
  const loaded: LoadedChunk[] = new Array<LoadedChunk>(chunkCount);
  let arrangement: Arrangement | undefined;
  let done = 0;
  const toBatch = (chunk: RankedChunk, start: number): SweepBatch => {
    const { counts } = chunk;
    const offsets = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
    done += counts.length;
    options.onProgress?.(done, arrangement!.enterpriseIds.length);
    return new SweepBatch(
      start,
      arrangement!.enterpriseIds,
      productIds,
      factorNames,
      offsets,
      chunk.products,
      chunk.scores,
      chunk.contributions,
      chunk.jsonl,
    );
  };
  /** The batches of every ranked chunk, in id order (input that was not in id order). */
  function* reordered(ranked: readonly RankedChunk[]): Generator<SweepBatch> {
    const { enterpriseIds, positions } = arrangement!;
    const n = enterpriseIds.length;
    const nF = factorNames.length;
    // Per output row: its chunk, and where its matches start in that chunk.
    const chunkOf = new Int32Array(n);
    const fromOf = new Uint32Array(n);
    const countOf = new Uint32Array(n);
    /** Each output row's row in its chunk (for rendered lines). */
    const rowOf = new Uint32Array(n);
    ranked.forEach((r, c) => {
      let at = 0;
      for (let row = 0; row < r.counts.length; row++) {
        const pos = positions![c]![row]!;
        chunkOf[pos] = c;
        fromOf[pos] = at;
        countOf[pos] = r.counts[row]!;
        rowOf[pos] = row;
        at += r.counts[row]!;
      }
    });
    const lineOf = (i: number): Uint8Array => {
      const r = ranked[chunkOf[i]!]!;
      const row = rowOf[i]!;
      return r.jsonl!.subarray(row === 0 ? 0 : r.lineEnds![row - 1]!, r.lineEnds![row]!);
    };
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      let total = 0;
      for (let i = start; i < end; i++) total += countOf[i]!;
      const counts = countOf.slice(start, end);
      const products = new Int32Array(total);
      const scores = new Float64Array(total);
      const contributions = checked.contributions ? new Float64Array(total * nF) : undefined;
      let p = 0;
      for (let i = start; i < end; i++) {
        const r = ranked[chunkOf[i]!]!;
        const from = fromOf[i]!;
        const count = countOf[i]!;
        products.set(r.products.subarray(from, from + count), p);
        scores.set(r.scores.subarray(from, from + count), p);
        contributions?.set(r.contributions!.subarray(from * nF, (from + count) * nF), p * nF);
        p += count;
      }
      const rendered = ranked[0]?.jsonl
        ? Buffer.concat(Array.from({ length: end - start }, (_, i) => lineOf(start + i)))
        : undefined;
      yield toBatch(
        {
          chunk: -1,
          counts,
          products,
          scores,
          ...(contributions ? { contributions } : {}),
          ...(rendered ? { jsonl: rendered } : {}),
        },
        start,
      );
    }
  }

  // This thread is one of the `threads` sweeping (0 or 1: the only one).
  const workerCount = Math.min(Math.max(checked.threads, 1) - 1, chunkCount);
  if (workerCount === 0) {
    // This thread alone: every chunk loaded first (so a problem comes before any result), then
    // ranked one at a time.
    // The rankers of the last sweep of this setup, if kept (see `kept-rankers.ts`).
    const kept = takeRankers(setup, serialize(setup));
    const ranker = kept.rankers.own;
    let finished = false;
    try {
      for (let c = 0; c < chunkCount; c++) {
        loaded[c] = ranker.load(c, sourceOf(c));
        if (loaded[c]!.changed) throw fileChanged(input);
        if (loaded[c]!.problem) throw new SweepInputProblem(loaded[c]!.problem!);
      }
      arrangement = arrange(loaded);
      if (arrangement.starts) {
        for (let c = 0; c < chunkCount; c++) {
          const batch = toBatch(ranker.rank(c), arrangement.starts[c]!);
          if (batch.size > 0) yield batch;
        }
      } else {
        const ranked = loaded.map((_, c) => ranker.rank(c));
        yield* reordered(ranked);
      }
      finished = true;
    } finally {
      if (finished) giveBackRankers(kept, checked.workerIdleMs);
    }
    return;
  }

  // This thread's rankers, kept from the last sweep of this setup if they were (see
  // `kept-rankers.ts`). The setup is serialised once into shared memory; each worker
  // deserialises its own copy, unless it kept its rankers of this lineage.
  const kept = takeRankers(setup, serialize(setup));
  const payload = shared(kept.bytes);
  const workerPath = options.workerPath ?? defaultWorkerPath();
  /** Ranked chunks not yet yielded, by chunk. */
  const ranked = new Map<number, RankedChunk>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let closing = false;
  let loadedCount = 0;
  let rankedCount = 0;
  /** Every chunk ranked and yielded: only then is anything kept for the next sweep. */
  let finished = false;
  /**
   * A thread's share: `queued` tasks not answered yet (this thread's own wait in `local`);
   * `own`: chunks loaded there and not yet handed out to be ranked — this thread's may be
   * ranked on any thread (their columns sent), a worker's only there (or loaded again);
   * `sent`: a worker's count, per key, of this thread's key representatives it has been sent;
   * `rankedHere`: chunks it has ranked.
   */
  interface Slot {
    worker?: Worker;
    local?: { rankers: SweepRankers; tasks: SweepTask[] };
    queued: number;
    own: number[];
    sent: number[];
    rankedHere: number;
    /** Removes this sweep's listeners from the worker. */
    detach?: () => void;
    /** The worker failed a task, or errored or exited: never kept for another sweep. */
    broken?: boolean;
    /** The worker has answered this sweep's setup (tasks may be posted before it has). */
    ready?: boolean;
  }
  /** A thread's answer to a task (a worker's message, or this thread's own). */
  const answered = (
    slot: Slot,
    msg: {
      loaded?: LoadedChunk;
      ranked?: RankedChunk;
      error?: string;
      ready?: true;
      reused?: boolean;
    },
  ): void => {
    // A worker's setup is answered too (`ready`), so a worker is never given back to the pool
    // with its setup, or an error from it, still on the way.
    if (msg.ready) {
      slot.ready = true;
      noteWorkerSetup(msg.reused === true);
    }
    if (msg.loaded) {
      slot.queued--;
      const l = msg.loaded;
      if (l.changed) failure ??= fileChanged(input);
      else if (l.problem) failure ??= new SweepInputProblem(l.problem);
      else if (loaded[l.chunk] === undefined) {
        loaded[l.chunk] = l;
        loadedCount++;
        slot.own.push(l.chunk);
      }
    }
    if (msg.ranked) {
      slot.queued--;
      ranked.set(msg.ranked.chunk, msg.ranked);
      rankedCount++;
      slot.rankedHere++;
    }
    if (msg.error) {
      slot.broken = true;
      failure ??= new Error(`sweep failed on a worker thread: ${msg.error}`);
    }
    wake?.();
  };
  const here: Slot = {
    local: { rankers: kept.rankers, tasks: [] },
    queued: 0,
    own: [],
    sent: [],
    rankedHere: 0,
  };
  // Workers kept from an earlier sweep first (see `worker-pool.ts`), then new ones; each is
  // given this sweep's setup before its first task, and its listeners are this sweep's alone.
  const workers = takeWorkers(workerPath, workerCount).map((worker, w): Slot => {
    // A worker given back after a sweep of this lineage still has its rankers, and the key
    // representatives it was sent then; any other starts afresh (it does the same).
    const before = workerRankers.get(worker);
    const sent = before?.lineage === kept.lineage ? [...before.sent] : [];
    const slot: Slot = { worker, queued: 0, own: [], sent, rankedHere: 0 };
    const onMessage = (msg: Parameters<typeof answered>[1]) => answered(slot, msg);
    const onError = (e: Error) => {
      slot.broken = true;
      failure ??= e;
      wake?.();
    };
    // A worker that exits before the sweep is over lost (or would lose) rows: the sweep fails.
    const onExit = (code: number) => {
      slot.broken = true;
      if (closing) return;
      failure ??= new Error(
        `sweep worker ${w + 1} of ${workerCount} exited (code ${code}) before finishing its shard`,
      );
      wake?.();
    };
    // A message that cannot be deserialised here is lost: the sweep fails rather than waits.
    const onMessageError = (e: Error) =>
      onError(new Error(`sweep could not read a worker's answer: ${String(e)}`, { cause: e }));
    worker
      .on('message', onMessage)
      .on('messageerror', onMessageError)
      .on('error', onError)
      .on('exit', onExit);
    slot.detach = () =>
      worker
        .off('message', onMessage)
        .off('messageerror', onMessageError)
        .off('error', onError)
        .off('exit', onExit);
    worker.postMessage({ setup: payload, lineage: kept.lineage });
    return slot;
  });
  // Workers first: of threads with as much queued, a worker is handed the next task, so this
  // thread keeps time for handing out and passing on.
  const pool: Slot[] = [...workers, here];
  let nextLoad = 0;
  const post = (slot: Slot, task: SweepTask) => {
    if (slot.local) slot.local.tasks.push(task);
    else {
      try {
        slot.worker!.postMessage(task, transfersOf(task));
      } catch (error) {
        // A record that cannot be sent to a thread (a Proxy, a function…): the records of a
        // chunk to load, or the key representatives beside a chunk's columns. Anything else
        // in a columns task failing to post is this module's fault, not the input's.
        failure ??=
          'columns' in task && recordsCloneable(task.keys)
            ? new Error(`sweep could not hand a chunk's columns to a worker: ${String(error)}`, {
                cause: error,
              })
            : new SweepInputProblem(`a record that cannot be cloned: ${String(error)}`);
        return;
      }
    }
    slot.queued++;
  };
  /** Chunk `c`, loaded on this thread, for a worker to rank: its columns and the keys new there. */
  const columnsTask = (slot: Slot, c: number): SweepTask => {
    const ranker = here.local!.rankers.own;
    const { ids, ...columns } = ranker.take(c);
    return {
      columns: c,
      encoded: { ...columns, ids: renderJsonl ? ids : [] },
      keys: ranker.repsSince(slot.sent),
    };
  };
  /** A thread with nothing of its own left takes over the last chunk of the busiest worker. */
  const takeOver = (slot: Slot): SweepTask | undefined => {
    let victim = slot;
    for (const s of workers) if (s.own.length > victim.own.length) victim = s;
    // Taking over costs a load; worth it when this thread is idle or the other has a queue.
    if (victim.own.length === 0 || (slot.queued > 0 && victim.own.length < 2)) return undefined;
    const c = victim.own.pop()!;
    return { full: c, source: sourceOf(c) };
  };
  /**
   * The next task of `slot`, if any. This thread loads every chunk (records sent to a worker
   * are cloned here and deserialised there: see the module's comment), then ranks what the
   * workers have not taken. A worker ranks the chunks it
   * loaded, else the columns of one loaded here; it loads a chunk itself only when none is
   * ready after it has ranked one and it has nothing queued (more workers than this thread can
   * load for).
   */
  const nextTask = (slot: Slot): SweepTask | undefined => {
    if (slot === here) {
      if (nextLoad < chunkCount) {
        const c = nextLoad++;
        return { load: c, source: sourceOf(c) };
      }
      const c = here.own.shift();
      if (c !== undefined) return { rank: c };
      return takeOver(slot);
    }
    const own = slot.own.shift();
    if (own !== undefined) return { rank: own };
    const ready = here.own.shift();
    if (ready !== undefined) return columnsTask(slot, ready);
    if (nextLoad < chunkCount) {
      if (slot.queued > 0 || slot.rankedHere === 0) return undefined;
      const c = nextLoad++;
      return { load: c, source: sourceOf(c) };
    }
    return takeOver(slot);
  };
  /**
   * Gives each thread with room its next task, the least busy first, until none has one. This
   * thread is given one at a time: it runs its task before it looks again, so one queued ahead
   * would only be a chunk an idle worker could not take.
   */
  const dispatch = (): void => {
    for (let handed = true; handed && !failure;) {
      handed = false;
      for (const slot of [...pool].sort((a, b) => a.queued - b.queued)) {
        if (slot.queued >= (slot.local ? 1 : SWEEP_CHUNKS_AHEAD)) continue;
        const task = nextTask(slot);
        if (!task) continue;
        post(slot, task);
        handed = true;
        break;
      }
    }
  };
  let next = 0;
  try {
    for (;;) {
      if (failure) throw failure;
      dispatch();
      if (failure) throw failure;
      if (!arrangement && loadedCount === chunkCount) arrangement = arrange(loaded);
      if (arrangement?.starts) {
        // Streamed: in chunk order when asked, else as they come; empty chunks (a shard's) skipped.
        let chunk: RankedChunk | undefined;
        if (checked.ordered) {
          chunk = ranked.get(next);
          if (chunk) next++;
        } else chunk = ranked.values().next().value;
        if (chunk) {
          ranked.delete(chunk.chunk);
          const batch = toBatch(chunk, arrangement.starts[chunk.chunk]!);
          if (batch.size > 0) yield batch;
          continue;
        }
      }
      if (rankedCount === chunkCount) {
        if (arrangement?.positions) yield* reordered(loaded.map((_, c) => ranked.get(c)!));
        if (ranked.size === 0 || arrangement?.positions) {
          finished = true;
          break;
        }
      }
      const task = here.local!.tasks.shift();
      if (task) {
        // This thread's own task, then a turn of the event loop for the workers' answers. A task
        // that throws fails the sweep as one on a worker does (the error kept as the cause).
        let answer: ReturnType<typeof runTask>;
        try {
          answer = runTask(here.local!.rankers, task);
        } catch (error) {
          failure ??= new Error(`sweep failed on the calling thread: ${errorText(error)}`, {
            cause: error,
          });
          continue;
        }
        answered(here, answer);
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    closing = true;
    // Worker by worker, whatever became of the sweep: one is kept for the next sweep only
    // when it has answered its setup and every task it was given (a sweep that failed
    // elsewhere, or that its consumer abandoned, may still have tasks on it) and never failed.
    // Rankers are kept only after a sweep that finished, on every thread alike: then each
    // kept worker's dictionaries are exactly what this thread's sent it.
    await Promise.all(
      workers.map((s) => {
        s.detach!();
        workerRankers.delete(s.worker!);
        if (s.broken || !s.ready || s.queued > 0) return s.worker!.terminate();
        if (finished) workerRankers.set(s.worker!, { lineage: kept.lineage, sent: s.sent });
        return giveBackWorker(workerPath, s.worker!, checked.workerIdleMs, finished);
      }),
    );
    if (finished) giveBackRankers(kept, checked.workerIdleMs);
  }
}

/**
 * What each idle worker kept from its last sweep: the lineage of its rankers (see
 * `kept-rankers.ts`) and, per key, how many of this thread's key representatives it holds.
 */
const workerRankers = new WeakMap<Worker, { lineage: number; sent: number[] }>();

/** The buffers a task hands over rather than copies: a chunk's columns. */
function transfersOf(task: SweepTask): ArrayBuffer[] {
  if (!('columns' in task)) return [];
  const { codes, numbers } = task.encoded;
  return [...codes, ...numbers].map((column) => column.buffer as ArrayBuffer);
}

/** Whether `value` (records) survives a structured clone. */
function recordsCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** Bytes copied into a SharedArrayBuffer (posted to every worker without a copy each). */
function shared(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

/**
 * Whether `options` sweep on the worker path (the profile's ranking is the columnar kernel's
 * score, with no history to prepare): only then can {@link sweepFileBatches} read a file.
 */
export function sweepsOnWorkers(options: SweepOptions): boolean {
  return prepare(options).plan !== null;
}

/**
 * {@link sweepBatches} of the enterprises in byte ranges of a UTF-8 JSON Lines file, read,
 * parsed and validated range by range by the sweeping threads (`finmatch sweep`): never the
 * whole file at once. Throws {@link SweepInputProblem} before the first batch when some line
 * is not swept on this path (not JSON, not a valid record, an id used twice, a record naming
 * reference data not given or dated after `asOf`…): the caller then loads the file the
 * reference way, which reports every bad line. With `shard`, only that shard's enterprises are
 * ranked (every line is still read and checked).
 *
 * @param file - the path, its ranges and the version split (`splitJsonlFile`)
 * @param renderJsonl - the workers also write each batch's JSON lines ({@link SweepBatch.jsonl})
 * @throws FileError, before any result, when a thread read another version of the file than
 * the one split (moved over, written to or truncated since).
 */
export async function* sweepFileBatches(
  file: { path: string; ranges: readonly (readonly [number, number])[]; version: FileVersion },
  products: readonly (FinancialProduct | FinancialProductInput)[],
  options: SweepOptions,
  shard?: { index: number; count: number },
  renderJsonl = false,
): AsyncGenerator<SweepBatch> {
  const prepared = prepare(options);
  if (!prepared.plan) throw new SweepInputProblem('a profile that ranks through the matcher');
  const catalogue = checkedCatalogue(products, prepared);
  yield* sweepInput(
    { file: file.path, ranges: file.ranges, version: file.version },
    catalogue,
    prepared,
    options,
    shard,
    renderJsonl,
  );
}

/**
 * The sweep of a profile the shared-column path does not cover: the product matcher ranks
 * each enterprise (fast or reference path as its plan decides, re-rankers included).
 *
 * @param onIds - given every enterprise id in id order, before the first result
 */
async function* sweepThroughMatcher(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  prepared: Prepared,
  options: SweepOptions,
  onIds?: (ids: string[]) => void,
): AsyncGenerator<SweepResult> {
  const { checked, locale, profile } = prepared;
  const { k, batchSize } = checked;
  const matcher = createProductMatcher(products, {
    profile,
    asOf: checked.asOf,
    locale,
    ...(options.chains ? { chains: options.chains } : {}),
    ...(options.zones ? { zones: options.zones } : {}),
    ...(options.institutions ? { institutions: options.institutions } : {}),
    ...(options.interactions ? { interactions: options.interactions } : {}),
    ...(options.subjects ? { subjects: options.subjects } : {}),
  });
  const subjects = inIdOrder(parseAll('enterprise', enterprises, { locale }));
  // Every enterprise `rankProducts` would refuse, named at once before any result.
  throwReferenceIssues(prepared.references, { subjects });
  onIds?.(subjects.map((s) => s.id));
  for (let i = 0; i < subjects.length; i++) {
    const ranked = matcher.rankProducts(subjects[i]!, { k });
    yield {
      enterpriseId: subjects[i]!.id,
      matches: ranked.map((m) => ({
        productId: m.productId,
        score: m.score,
        rank: m.rank,
        ...(checked.contributions ? { contributions: m.contributions } : {}),
      })),
    };
    if ((i + 1) % batchSize === 0 || i + 1 === subjects.length)
      options.onProgress?.(i + 1, subjects.length);
    if ((i + 1) % batchSize === 0) await new Promise<void>((r) => setImmediate(r));
  }
}

/**
 * `sweep-worker.cjs` beside this module (the built package), else — when running from the
 * sources (tests, `tsx`) — the built one in `dist/` of the repository.
 */
function defaultWorkerPath(): URL {
  const beside = new URL('./sweep-worker.cjs', import.meta.url);
  if (beside.protocol !== 'file:' || existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/sweep-worker.cjs', import.meta.url);
}
