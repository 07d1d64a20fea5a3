/**
 * `sweep`: the top products for every enterprise, on worker threads. The enterprises are
 * encoded once into columns copied to SharedArrayBuffers (no per-enterprise cloning); each
 * worker gets the catalogue, the profile as a {@link ProfileSpec}, the key dictionaries
 * (keys and one representative each) and a contiguous range of rows, and streams back typed
 * batches. Results come out in enterprise-id order within each shard, as they are produced.
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
import { scoresAlone } from '../compile/plan.js';
import { enterpriseProductProfile } from '../engine/profiles/enterprise-product.js';
import { profileFromSpec, profileToSpec, type ProfileSpec } from '../engine/profiles/spec.js';
import type { Profile } from '../engine/types.js';
import { sortById } from '../engine/matchers/options.js';
import { SubjectColumns, type CodeColumn } from '../compile/columns.js';
import { planProfile } from '../compile/plan.js';
import { checkSweepOptions, type CheckedSweepOptions } from './sweep-options.js';
export {
  MAX_SWEEP_BATCH_SIZE,
  MAX_SWEEP_K,
  MAX_SWEEP_THREADS,
  DEFAULT_SWEEP_THREADS,
} from './sweep-options.js';
import { sweepShardBatches, type SweepBatch, type SweepShardInput } from './sweep-core.js';

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
   * Yield results in enterprise-id order across threads (later shards' batches wait in memory
   * until the earlier ones are out). Default false: each shard's results as they come.
   */
  ordered?: boolean;
  /** Rows per streamed batch, 1..{@link MAX_SWEEP_BATCH_SIZE}. Default 2,000. */
  batchSize?: number;
  /**
   * Path of the worker script. Default: `sweep-worker.cjs` next to this module (the built
   * package's `dist/`).
   */
  workerPath?: string | URL;
}

/**
 * Streams the top `k` products for every enterprise. Each shard's results come in
 * enterprise-id order; shards interleave.
 *
 * @throws {@link OptionError} on bad options; ProfileError when the profile spec is invalid.
 */
export async function* sweep(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  options: SweepOptions,
): AsyncGenerator<SweepResult> {
  const checked = checkSweepOptions(options);
  const { k, threads } = checked;
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
  if (general) {
    yield* sweepThroughMatcher(enterprises, products, profile, checked, options, locale);
    return;
  }
  const catalogue = sortById(parseAll('product', products, { locale }));
  const subjects = sortById(parseAll('enterprise', enterprises, { locale }));
  const columns = new SubjectColumns(plan as never, subjects) as SubjectColumns<Enterprise>;
  const n = columns.rowCount;
  const share = <A extends CodeColumn | Float64Array>(a: A): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(n * a.BYTES_PER_ELEMENT);
    new (a.constructor as new (b: SharedArrayBuffer) => A)(buffer).set(a.subarray(0, n));
    return buffer;
  };
  const base: Omit<SweepShardInput, 'start' | 'end'> = {
    spec,
    asOf: options.asOf,
    locale,
    chains,
    zones,
    products: catalogue,
    dictionaries: columns.dicts.map((d) => ({ keys: d.keys, reps: d.reps })),
    codes: columns.codes.map(share),
    codeBytes: columns.codes.map((c) => c.BYTES_PER_ELEMENT),
    numbers: columns.numbers.map(share),
    k,
    batchSize: checked.batchSize,
    contributions: checked.contributions,
  };
  const factorNames = plan.factorNames;
  const ids = columns.ids;
  let done = 0;
  const toResults = (batch: SweepBatch): SweepResult[] => {
    const out: SweepResult[] = [];
    let p = 0;
    for (let i = 0; i < batch.counts.length; i++) {
      const matches: SweepMatch[] = [];
      for (let r = 0; r < batch.counts[i]!; r++, p++) {
        const match: SweepMatch = {
          productId: catalogue[batch.products[p]!]!.id,
          score: batch.scores[p]!,
          rank: r + 1,
        };
        if (batch.contributions) {
          const contributions: Record<string, number> = {};
          const base = p * factorNames.length;
          factorNames.forEach((name, f) => (contributions[name] = batch.contributions![base + f]!));
          match.contributions = contributions;
        }
        matches.push(match);
      }
      out.push({ enterpriseId: ids[batch.start + i]!, matches });
    }
    done += batch.counts.length;
    options.onProgress?.(done, n);
    return out;
  };

  if (threads === 0 || n === 0) {
    // One batch at a time: memory holds a batch, not the market's results.
    for (const b of sweepShardBatches({ ...base, start: 0, end: n })) yield* toResults(b);
    return;
  }

  // The catalogue, profile and dictionaries (with ≈50,000 representative enterprises at seed
  // scale) are serialised once into shared memory; each worker deserialises its own copy in
  // parallel, instead of the main thread cloning everything once per worker.
  const { codes, codeBytes, numbers, ...rest } = base;
  const serialised = serialize(rest);
  const payload = new SharedArrayBuffer(serialised.length);
  new Uint8Array(payload).set(serialised);
  const queue: SweepBatch[] = [];
  let wake: (() => void) | undefined;
  let running = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  const workerPath = options.workerPath ?? defaultWorkerPath();
  const count = Math.min(threads, n);
  for (let w = 0; w < count; w++) {
    const start = Math.floor((w * n) / count);
    const end = Math.floor(((w + 1) * n) / count);
    const worker = new Worker(workerPath, {
      workerData: { payload, codes, codeBytes, numbers, start, end },
    });
    running++;
    worker.on('message', (msg: { batch?: SweepBatch; done?: true; error?: string }) => {
      if (msg.batch) queue.push(msg.batch);
      if (msg.error) failure = new Error(`sweep worker failed: ${msg.error}`);
      if (msg.done || msg.error) running--;
      wake?.();
    });
    let finished = false;
    worker.on('message', (msg: { done?: true; error?: string }) => {
      if (msg.done || msg.error) finished = true;
    });
    worker.on('error', (e) => {
      failure = e;
      finished = true;
      running--;
      wake?.();
    });
    // A worker that exits without reporting its shard done lost rows: the sweep fails.
    worker.on('exit', (code) => {
      if (finished) return;
      finished = true;
      failure ??= new Error(
        `sweep worker for rows ${start}–${end - 1} exited (code ${code}) before finishing its shard`,
      );
      running--;
      wake?.();
    });
    workers.push(worker);
  }
  // With `ordered`, the batch starting at `next` is the only one that may go out.
  let next = 0;
  const take = (): SweepBatch | undefined => {
    if (!checked.ordered) return queue.shift();
    const i = queue.findIndex((b) => b.start === next);
    if (i < 0) return undefined;
    const [batch] = queue.splice(i, 1);
    next += batch!.counts.length;
    return batch;
  };
  try {
    for (;;) {
      if (failure) throw failure;
      const batch = take();
      if (batch) {
        yield* toResults(batch);
        continue;
      }
      if (running === 0) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The sweep of a profile the shared-column path does not cover: the product matcher ranks
 * each enterprise (fast or reference path as its plan decides, re-rankers included).
 */
async function* sweepThroughMatcher(
  enterprises: readonly (Enterprise | EnterpriseInput)[],
  products: readonly (FinancialProduct | FinancialProductInput)[],
  profile: Profile<Enterprise, FinancialProduct>,
  checked: CheckedSweepOptions,
  options: SweepOptions,
  locale: Locale,
): AsyncGenerator<SweepResult> {
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
  const subjects = sortById(parseAll('enterprise', enterprises, { locale }));
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
