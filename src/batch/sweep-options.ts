/**
 * The options of {@link sweep}, checked and bounded in one place: a bad value is an
 * OptionError naming the option, never rows silently dropped, results with undefined ids or
 * an allocation that runs the machine out of memory.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { OptionError } from '../errors.js';
import { describeValue } from '../util/describe.js';

/** Most worker threads a sweep starts: the machine's cores (more only contend for them). */
export const MAX_SWEEP_THREADS = Math.max(1, availableParallelism());
/** Default worker threads: every core. */
export const DEFAULT_SWEEP_THREADS = MAX_SWEEP_THREADS;
/** Default rows per streamed batch. */
export const DEFAULT_SWEEP_BATCH_SIZE = 2000;
/** Most rows per streamed batch (a batch holds k results per row in memory). */
export const MAX_SWEEP_BATCH_SIZE = 1_000_000;
/** Most products per enterprise a sweep returns. */
export const MAX_SWEEP_K = 100_000;

/** The option names of `sweep`. */
export const SWEEP_OPTION_NAMES = [
  'k',
  'threads',
  'onProgress',
  'profile',
  'asOf',
  'locale',
  'chains',
  'zones',
  'institutions',
  'interactions',
  'subjects',
  'parts',
  'contributions',
  'ordered',
  'batchSize',
  'workerPath',
] as const;

/** What `sweep` runs with, checked. */
export interface CheckedSweepOptions {
  k: number;
  threads: number;
  batchSize: number;
  contributions: boolean;
  ordered: boolean;
}

function integer(name: string, value: unknown, min: number, max: number, fallback: number) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new OptionError(
      name,
      `${name} must be an integer in ${min}..${max.toLocaleString('en-US')}, received ${describeValue(value)}`,
    );
  return value;
}

function flag(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new OptionError(name, `${name} must be a boolean, received ${describeValue(value)}`);
  return value;
}

/**
 * Checks sweep options: an object whose keys are all known (a typo is an error naming the key
 * meant), `k` in 1..{@link MAX_SWEEP_K}, `threads` in 0..{@link MAX_SWEEP_THREADS} (0: this
 * thread), `batchSize` in 1..{@link MAX_SWEEP_BATCH_SIZE}, booleans where booleans go.
 */
export function checkSweepOptions(options: unknown): CheckedSweepOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError(
      'options',
      `sweep options must be an object, received ${describeValue(options)}`,
    );
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if ((SWEEP_OPTION_NAMES as readonly string[]).includes(key)) continue;
    const near = SWEEP_OPTION_NAMES.find((n) => n.toLowerCase() === key.toLowerCase());
    throw new OptionError(
      key,
      `unknown sweep option ${describeValue(key)}${near ? `; did you mean "${near}"?` : `; expected one of ${SWEEP_OPTION_NAMES.join(', ')}`}`,
    );
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new OptionError('onProgress', 'onProgress must be a function (done, total) => void');
  return {
    k: integer('k', o.k, 1, MAX_SWEEP_K, 10),
    threads: integer('threads', o.threads, 0, MAX_SWEEP_THREADS, DEFAULT_SWEEP_THREADS),
    batchSize: integer('batchSize', o.batchSize, 1, MAX_SWEEP_BATCH_SIZE, DEFAULT_SWEEP_BATCH_SIZE),
    contributions: flag('contributions', o.contributions),
    ordered: flag('ordered', o.ordered),
  };
}
