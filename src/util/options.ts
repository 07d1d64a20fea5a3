/**
 * Checking options the way records are checked: every public function reads its options
 * through {@link readOptions} (an object or `undefined`; unknown keys are errors with a
 * did-you-mean) and checks each value with one of the typed checks below, so a typo'd key or
 * a value of the wrong type or range is an {@link OptionError} naming the option's path
 * (`k`, `filter.regions`, `weights.collateralFit`), never silently ignored and never a raw
 * TypeError. Every message describes the bad value with {@link describeValue}, so a BigInt, a
 * null-prototype object, a throwing getter or a revoked Proxy cannot make the report throw.
 *
 * @module
 */
import { OptionError } from '../errors.js';
import { describeValue } from './describe.js';
import { DATE_EXPECTED, isCalendarDate } from './dates.js';

/** An options object after {@link readOptions}: own enumerable values of known keys only. */
export type OptionValues<K extends string> = { readonly [P in K]?: unknown };

/** Longest key compared for a did-you-mean suggestion (longer keys get none). */
const SUGGEST_MAX_LENGTH = 64;

/**
 * Reads an options object: `undefined` is no options; otherwise it must be a plain object (its
 * prototype `Object.prototype` or `null`). Every own enumerable string key must be one of
 * `known`: an unknown key is an OptionError naming `path.key`, with the closest known key as a
 * suggestion (`asof` → `asOf`, `region` → `regions`). Values are copied once, each read
 * guarded, so a getter or Proxy trap that throws becomes an OptionError too; inherited keys
 * are never read.
 *
 * @param path - the options' own path in messages, `''` for a function's top-level options
 * (reported as `options`), `filter` for `options.filter`.
 * @throws {@link OptionError}
 */
export function readOptions<K extends string>(
  value: unknown,
  known: readonly K[],
  path = '',
): OptionValues<K> {
  const out = Object.create(null) as Record<string, unknown>;
  if (value === undefined) return out as OptionValues<K>;
  const where = path || 'options';
  let keys: (string | symbol)[];
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new OptionError(where, {
        en: `${where} must be an object, received ${describeValue(value)}`,
        zh: `${where} 应为对象，收到 ${describeValue(value)}`,
      });
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new OptionError(where, {
        en: `${where} must be a plain object (an object literal), received an instance of another class`,
        zh: `${where} 应为普通对象（对象字面量），收到其他类的实例`,
      });
    keys = Reflect.ownKeys(value);
  } catch (error) {
    if (error instanceof OptionError) throw error;
    throw unreadable(where, error);
  }
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const keyPath = path ? `${path}.${key}` : key;
    let enumerable: boolean;
    try {
      enumerable = Object.getOwnPropertyDescriptor(value, key)?.enumerable === true;
    } catch (error) {
      throw unreadable(keyPath, error);
    }
    if (!enumerable) continue;
    if (!(known as readonly string[]).includes(key)) throw unknownOption(keyPath, key, known, path);
    try {
      out[key] = (value as Record<string, unknown>)[key];
    } catch (error) {
      throw unreadable(keyPath, error);
    }
  }
  return out as OptionValues<K>;
}

function unreadable(path: string, error: unknown): OptionError {
  const why = error instanceof Error ? ` (${describeValue(safeMessage(error))})` : '';
  return new OptionError(path, {
    en: `${path} could not be read: reading it threw${why}`,
    zh: `无法读取 ${path}：读取时抛出异常${why}`,
  });
}

function safeMessage(error: Error): string {
  try {
    return typeof error.message === 'string' ? error.message : '';
  } catch {
    return '';
  }
}

function unknownOption(
  keyPath: string,
  key: string,
  known: readonly string[],
  path: string,
): OptionError {
  const guess = didYouMean(key, known);
  const prefix = path ? `${path}.` : '';
  const hint = guess !== undefined ? `; did you mean "${prefix}${guess}"?` : '';
  const list =
    known.length > 0 ? `; known options are ${known.join(', ')}` : '; it takes no options';
  const hintZh = guess !== undefined ? `；是否想写 "${prefix}${guess}"？` : '';
  const listZh = known.length > 0 ? `；可用选项：${known.join('、')}` : '；它不接受任何选项';
  return new OptionError(keyPath, {
    en: `unknown option ${describeValue(keyPath)}${hint}${list}`,
    zh: `未知选项 ${describeValue(keyPath)}${hintZh}${listZh}`,
  });
}

/**
 * The candidate closest to `name` by edit distance (case-insensitive, a transposition counts
 * as one edit), when it is close enough to be a typo: at most a third of the longer name's
 * length, at least 1. `undefined` when none is.
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > SUGGEST_MAX_LENGTH) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    const limit = Math.max(1, Math.floor(Math.max(name.length, c.length) / 3));
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Optimal-string-alignment (restricted Damerau–Levenshtein) distance: insertions, deletions,
 * substitutions and adjacent transpositions each count one edit.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** Bounds of an integer option. */
export interface IntegerOptionSpec {
  min: number;
  max: number;
  /** Also accept `Infinity` ("no limit"). Default false. */
  infinity?: boolean;
  /** The value when the option is absent; without one, the option is required. */
  default?: number;
}

/**
 * An integer in `[min, max]` (or `Infinity` when allowed); the default when `undefined`.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function integerOption(value: unknown, path: string, spec: IntegerOptionSpec): number {
  if (value === undefined) return spec.default ?? required(path);
  if (spec.infinity && value === Infinity) return value;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= spec.min &&
    value <= spec.max
  )
    return value;
  throw new OptionError(path, {
    en: `${path} must be an integer from ${spec.min} to ${spec.max}${spec.infinity ? ' or Infinity' : ''}, received ${describeValue(value)}`,
    zh: `${path} 应为 ${spec.min} 到 ${spec.max} 之间的整数${spec.infinity ? '或 Infinity' : ''}，收到 ${describeValue(value)}`,
  });
}

/** Bounds of a number option. Both ends are inclusive unless marked exclusive. */
export interface NumberOptionSpec {
  min?: number;
  max?: number;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
  /** The value when the option is absent; without one, the option is required. */
  default?: number;
}

/**
 * A finite number within the bounds; the default when `undefined`.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function numberOption(value: unknown, path: string, spec: NumberOptionSpec = {}): number {
  if (value === undefined) return spec.default ?? required(path);
  const { min, max, minExclusive } = spec;
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || value <= max)
  )
    return value;
  const range =
    min !== undefined && max !== undefined
      ? ` in ${minExclusive ? '(' : '['}${min}, ${max}]`
      : min !== undefined
        ? ` ${minExclusive ? '>' : '≥'} ${min}`
        : max !== undefined
          ? ` ≤ ${max}`
          : '';
  const rangeZh =
    min !== undefined && max !== undefined
      ? `，取值范围 ${minExclusive ? '(' : '['}${min}, ${max}]`
      : min !== undefined
        ? `，${minExclusive ? '>' : '≥'} ${min}`
        : max !== undefined
          ? `，≤ ${max}`
          : '';
  throw new OptionError(path, {
    en: `${path} must be a finite number${range}, received ${describeValue(value)}`,
    zh: `${path} 应为有限数值${rangeZh}，收到 ${describeValue(value)}`,
  });
}

/**
 * A boolean; `fallback` when `undefined`.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function booleanOption(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new OptionError(path, {
    en: `${path} must be a boolean (true or false), received ${describeValue(value)}`,
    zh: `${path} 应为布尔值（true 或 false），收到 ${describeValue(value)}`,
  });
}

/**
 * One of `allowed`; `fallback` when `undefined` (required when there is none). A near-miss
 * string gets a did-you-mean.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function enumOption<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined) return fallback ?? required(path);
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
  const choices = allowed.map((a) => `'${a}'`);
  throw new OptionError(path, {
    en: `${path} must be one of ${choices.join(', ')}, received ${describeValue(value)}${guess !== undefined ? `; did you mean '${guess}'?` : ''}`,
    zh: `${path} 应为 ${choices.join('、')} 之一，收到 ${describeValue(value)}${guess !== undefined ? `；是否想写 '${guess}'？` : ''}`,
  });
}

/**
 * A function; `undefined` stays `undefined`.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function functionOption<F extends (...args: never[]) => unknown>(
  value: unknown,
  path: string,
): F | undefined {
  if (value === undefined || typeof value === 'function') return value as F | undefined;
  throw new OptionError(path, {
    en: `${path} must be a function, received ${describeValue(value)}`,
    zh: `${path} 应为函数，收到 ${describeValue(value)}`,
  });
}

/**
 * A dense array, copied (each element read once, guarded): no holes, a readable length. An
 * element check, when given, runs on each element with its path `path[i]`.
 *
 * @throws {@link OptionError} naming `path` or `path[i]`.
 */
export function arrayOption<E>(
  value: unknown,
  path: string,
  element: (item: unknown, itemPath: string) => E,
  what = 'an array',
): E[] {
  let items: unknown[];
  try {
    if (!Array.isArray(value))
      throw new OptionError(path, {
        en: `${path} must be ${what}, received ${describeValue(value)}`,
        zh: `${path} 应为数组，收到 ${describeValue(value)}`,
      });
    const n = value.length;
    items = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      if (!(i in value))
        throw new OptionError(`${path}[${i}]`, {
          en: `${path}[${i}] is a hole`,
          zh: `${path}[${i}] 是空位（稀疏数组）`,
        });
      items[i] = value[i];
    }
  } catch (error) {
    if (error instanceof OptionError) throw error;
    throw unreadable(path, error);
  }
  return items.map((item, i) => element(item, `${path}[${i}]`));
}

/**
 * An array of strings (copied); `fallback` when `undefined` (required when there is none).
 *
 * @throws {@link OptionError} naming `path` or `path[i]`.
 */
export function stringArrayOption(
  value: unknown,
  path: string,
  fallback?: readonly string[],
): string[] {
  if (value === undefined) return fallback ? [...fallback] : required(path);
  return arrayOption(value, path, stringElement, 'an array of strings');
}

function stringElement(item: unknown, itemPath: string): string {
  if (typeof item === 'string') return item;
  throw new OptionError(itemPath, {
    en: `${itemPath} must be a string, received ${describeValue(item)}`,
    zh: `${itemPath} 应为字符串，收到 ${describeValue(item)}`,
  });
}

/**
 * A string (non-empty unless `allowEmpty`); `fallback` when `undefined`.
 *
 * @throws {@link OptionError} naming `path`.
 */
export function stringOption(value: unknown, path: string, fallback?: string): string {
  if (value === undefined) return fallback ?? required(path);
  if (typeof value === 'string' && value.length > 0) return value;
  throw new OptionError(path, {
    en: `${path} must be a non-empty string, received ${describeValue(value)}`,
    zh: `${path} 应为非空字符串，收到 ${describeValue(value)}`,
  });
}

/**
 * A date option: a real calendar date `YYYY-MM-DD` in the accepted years ({@link DATE_EXPECTED}).
 * The one check of every API option holding a date (`asOf`…), with one message in both
 * locales; callers decide what an absent value means.
 */
export function dateOption(value: unknown, path: string): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new OptionError(path, {
    en: `${path} must be ${DATE_EXPECTED.en}, received ${describeValue(value)}`,
    zh: `${path} 须为${DATE_EXPECTED.zh}，收到 ${describeValue(value)}`,
  });
}

function required(path: string): never {
  throw new OptionError(path, { en: `${path} is required`, zh: `缺少必填项 ${path}` });
}
