/**
 * `sweep`: the top products for every enterprise, on worker threads. The calling thread
 * validates and sorts the enterprises, then encodes them chunk by chunk into columns in
 * SharedArrayBuffers while the workers — given the catalogue and the profile as a
 * {@link ProfileSpec} once, and each chunk's new dictionary entries — rank the chunks it hands
 * them (at most {@link SWEEP_CHUNKS_AHEAD} queued per worker, so a slow worker gets fewer).
 * Workers answer in typed arrays (product row numbers, scores, contributions when asked):
 * {@link sweepBatches} yields them as {@link SweepBatch}es without an object per enterprise;
 * {@link sweep} builds the {@link SweepResult} objects from them.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { parseAll } from '../model/parse.js';
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
import { sortById } from '../engine/matchers/options.js';
import { planProfile } from '../compile/plan.js';
import { checkSweepOptions, type CheckedSweepOptions } from './sweep-options.js';
export {
  MAX_SWEEP_BATCH_SIZE,
  MAX_SWEEP_K,
  MAX_SWEEP_THREADS,
  DEFAULT_SWEEP_THREADS,
} from './sweep-options.js';
import { SweepEncoder, SweepRanker, type RankedChunk, type SweepSetup } from './sweep-core.js';

/**
 * Chunks queued on a worker at most. Two keep a worker busy while its next chunk is encoded
 * and its last answer read; more would only give a slow worker (a busy core) work a faster
 * one could do.
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
   * Worker threads, 0..{@link MAX_SWEEP_THREADS} (the machine's cores); 0 runs in this thread.
   * Default: every core.
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
  const profile = profileFromSpec(spec, {
    ...options.parts,
    market: 'enterpriseProduct',
  }) as Profile<Enterprise, FinancialProduct>;
  const plan = planProfile(profile, { asOf: options.asOf, locale, reference });
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
  return { checked, locale, spec, profile, chains, zones, plan: general ? null : plan };
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
 * @throws {@link OptionError} on bad options; ProfileError when the profile spec is invalid.
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
 * @throws {@link OptionError} on bad options; ProfileError when the profile spec is invalid.
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

/** The shared-column sweep: encode here, rank on workers (or here, with `threads: 0`). */
async function* columnarBatches(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  prepared: Prepared,
  options: SweepOptions,
): AsyncGenerator<SweepBatch> {
  const { checked, locale } = prepared;
  const plan = prepared.plan!;
  const catalogue = inIdOrder(parseAll('product', products, { locale }));
  const subjects = inIdOrder(parseAll('enterprise', enterprises, { locale }));
  const n = subjects.length;
  const encoder = new SweepEncoder(plan, subjects);
  const setup: SweepSetup = {
    spec: prepared.spec,
    asOf: options.asOf,
    locale,
    chains: prepared.chains,
    zones: prepared.zones,
    products: catalogue,
    codes: encoder.codeBuffers,
    numbers: encoder.numberBuffers,
    k: checked.k,
    contributions: checked.contributions,
  };
  const enterpriseIds = subjects.map((s) => s.id);
  const productIds = catalogue.map((p) => p.id);
  const factorNames = plan.factorNames;
  let done = 0;
  const toBatch = (chunk: RankedChunk): SweepBatch => {
    const { counts } = chunk;
    const offsets = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
    done += counts.length;
    options.onProgress?.(done, n);
    return new SweepBatch(
      chunk.start,
      enterpriseIds,
      productIds,
      factorNames,
      offsets,
      chunk.products,
      chunk.scores,
      chunk.contributions,
    );
  };
  const size = checked.batchSize;

  if (checked.threads === 0 || n === 0) {
    // One chunk at a time: memory holds a chunk's results, not the market's.
    const ranker = new SweepRanker(setup, encoder.dicts);
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      encoder.encode(start, end);
      yield toBatch(ranker.rank(start, end));
    }
    return;
  }

  // The catalogue, profile and reference data are serialised once into shared memory; each
  // worker deserialises its own copy while this thread encodes the first chunks.
  const { codes, numbers, ...rest } = setup;
  const payload = shared(serialize(rest));
  const workerPath = options.workerPath ?? defaultWorkerPath();
  const chunks = Math.ceil(n / size);
  const count = Math.min(checked.threads, chunks);
  const queue: RankedChunk[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let closing = false;
  const pool = Array.from({ length: count }, (_, w) => {
    const worker = new Worker(workerPath, { workerData: { payload, codes, numbers } });
    const slot = { worker, queued: 0 };
    worker.on('message', (msg: { chunk?: RankedChunk; error?: string }) => {
      if (msg.chunk) {
        slot.queued--;
        queue.push(msg.chunk);
      }
      if (msg.error) failure ??= new Error(`sweep worker failed: ${msg.error}`);
      wake?.();
    });
    worker.on('error', (e) => {
      failure ??= e;
      wake?.();
    });
    // A worker that exits before the sweep is over lost (or would lose) rows: the sweep fails.
    worker.on('exit', (code) => {
      if (closing) return;
      failure ??= new Error(
        `sweep worker ${w + 1} of ${count} exited (code ${code}) before finishing its shard`,
      );
      wake?.();
    });
    return slot;
  });
  let encoded = 0;
  /** Encodes and hands out chunks while some worker has room. */
  const dispatch = (): void => {
    while (encoded < n) {
      let slot = pool[0]!;
      for (const s of pool) if (s.queued < slot.queued) slot = s;
      if (slot.queued >= SWEEP_CHUNKS_AHEAD) return;
      const end = Math.min(n, encoded + size);
      encoder.encode(encoded, end);
      // New keys go to every worker (any of them may rank a later row with that key), before
      // the chunk that needs them: messages on one port arrive in order.
      const delta = encoder.delta();
      if (delta) {
        const bytes = shared(serialize(delta));
        for (const s of pool) s.worker.postMessage({ delta: bytes });
      }
      slot.worker.postMessage({ rows: [encoded, end] });
      slot.queued++;
      encoded = end;
    }
  };
  // With `ordered`, the chunk starting at `next` is the only one that may go out.
  let next = 0;
  const take = (): RankedChunk | undefined => {
    if (!checked.ordered) return queue.shift();
    const i = queue.findIndex((c) => c.start === next);
    if (i < 0) return undefined;
    const [chunk] = queue.splice(i, 1);
    next += chunk!.counts.length;
    return chunk;
  };
  try {
    for (;;) {
      if (failure) throw failure;
      dispatch();
      const chunk = take();
      if (chunk) {
        yield toBatch(chunk);
        continue;
      }
      if (done === n) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    closing = true;
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
}

/** Bytes copied into a SharedArrayBuffer (posted to every worker without a copy each). */
function shared(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
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
    asOf: options.asOf,
    locale,
    ...(options.chains ? { chains: options.chains } : {}),
    ...(options.zones ? { zones: options.zones } : {}),
    ...(options.institutions ? { institutions: options.institutions } : {}),
    ...(options.interactions ? { interactions: options.interactions } : {}),
    ...(options.subjects ? { subjects: options.subjects } : {}),
  });
  const subjects = inIdOrder(parseAll('enterprise', enterprises, { locale }));
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
