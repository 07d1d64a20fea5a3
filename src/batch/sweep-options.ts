/**
 * The options of {@link sweep}, checked and bounded in one place: a bad value is an
 * OptionError naming the option, never rows silently dropped, results with undefined ids or
 * an allocation that runs the machine out of memory.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { OptionError } from '../errors.js';
import { MATCHER_OPTION_KEYS } from '../engine/matchers/options.js';
import {
  booleanOption,
  dateOption,
  functionOption,
  integerOption,
  readOptions,
} from '../util/options.js';

/**
 * Most threads a sweep runs on, the calling thread counted: the machine's cores (more only
 * contend for them).
 */
export const MAX_SWEEP_THREADS = Math.max(1, availableParallelism());
/** Default threads (the calling thread and `threads − 1` workers): every core. */
export const DEFAULT_SWEEP_THREADS = MAX_SWEEP_THREADS;
/** Default rows per streamed batch. */
export const DEFAULT_SWEEP_BATCH_SIZE = 2000;
/** Most rows per streamed batch (a batch holds k results per row in memory). */
export const MAX_SWEEP_BATCH_SIZE = 1_000_000;
/** Most products per enterprise a sweep returns. */
export const MAX_SWEEP_K = 100_000;
/**
 * Default time a sweep's workers are kept idle for the next sweep (ms): long enough for the
 * sweeps of a batch job or a benchmark that follow one another, short enough that an idle
 * process gives their memory back soon.
 */
export const DEFAULT_SWEEP_WORKER_IDLE_MS = 30_000;
/** Longest a sweep's workers may be kept idle (ms): one hour. */
export const MAX_SWEEP_WORKER_IDLE_MS = 3_600_000;

/**
 * The option names of `sweep`: the matcher options it passes on to the product matcher (all but
 * `targets`, which a sweep's products are), and its own.
 */
export const SWEEP_OPTION_NAMES = [
  ...MATCHER_OPTION_KEYS.filter((key) => key !== 'profile' && key !== 'targets'),
  'profile',
  'parts',
  'k',
  'threads',
  'onProgress',
  'contributions',
  'ordered',
  'batchSize',
  'workerPath',
  'workerIdleMs',
] as const;

/** What `sweep` runs with, checked. */
export interface CheckedSweepOptions {
  asOf: string;
  k: number;
  threads: number;
  batchSize: number;
  contributions: boolean;
  ordered: boolean;
  workerIdleMs: number;
}

/**
 * Checks sweep options: an object whose keys are all known (a typo is an error naming the key
 * meant), `asOf` a real date (required), `k` in 1..{@link MAX_SWEEP_K}, `threads` in
 * 0..{@link MAX_SWEEP_THREADS} (0 and 1: this thread alone), `batchSize` in
 * 1..{@link MAX_SWEEP_BATCH_SIZE}, `workerIdleMs` in 0..{@link MAX_SWEEP_WORKER_IDLE_MS},
 * booleans where booleans go.
 */
export function checkSweepOptions(options: unknown): CheckedSweepOptions {
  if (options === undefined || options === null)
    throw new OptionError('options', 'sweep needs options: at least { asOf }');
  const o = readOptions(options, SWEEP_OPTION_NAMES);
  functionOption(o.onProgress, 'onProgress');
  return {
    // Required, and checked here: otherwise a bad date would first be met by a sweeping
    // thread, and fail the sweep as that thread's error instead of as an OptionError.
    asOf: dateOption(o.asOf, 'asOf'),
    k: integerOption(o.k, 'k', { min: 1, max: MAX_SWEEP_K, default: 10 }),
    threads: integerOption(o.threads, 'threads', {
      min: 0,
      max: MAX_SWEEP_THREADS,
      default: DEFAULT_SWEEP_THREADS,
    }),
    batchSize: integerOption(o.batchSize, 'batchSize', {
      min: 1,
      max: MAX_SWEEP_BATCH_SIZE,
      default: DEFAULT_SWEEP_BATCH_SIZE,
    }),
    contributions: booleanOption(o.contributions, 'contributions', false),
    ordered: booleanOption(o.ordered, 'ordered', false),
    workerIdleMs: integerOption(o.workerIdleMs, 'workerIdleMs', {
      min: 0,
      max: MAX_SWEEP_WORKER_IDLE_MS,
      default: DEFAULT_SWEEP_WORKER_IDLE_MS,
    }),
  };
}
