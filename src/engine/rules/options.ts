/**
 * Options of the shipped rule and factor factories: one validator per option (an invalid or
 * unknown option throws an {@link OptionError} naming it) and the part's {@link PartSpec}
 * (its registry kind and its options as plain JSON), so every shipped part can be rebuilt
 * from data.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import type { PartSpec } from '../types.js';
import { deepFreeze } from '../../util/freeze.js';

/** Options of a factory that takes none: `undefined` or an empty object. */
export type NoOptions = Readonly<Record<string, never>>;

/**
 * Checks one option's value: returns what was expected ("a number in [0, 1]") when the value
 * is invalid, `undefined` when it is valid. Never called with `undefined` (an absent option).
 */
export type OptionCheck = (value: unknown) => string | undefined;

/** The validators of a factory's options, by option name. */
export type OptionChecks = Readonly<Record<string, OptionCheck>>;

/** What {@link resolvePartOptions} returns: the options to use and the part's spec. */
export interface ResolvedOptions<O> {
  /** A deep, frozen JSON copy of the options: what the part uses, so it matches its spec. */
  options: O;
  /** `{ kind }`, plus `options` when any option was given. */
  spec: PartSpec;
}

/**
 * Validates `options` of the factory of part `kind` against `checks` and returns their JSON
 * copy and the part's spec. Options set to `undefined` count as absent.
 *
 * @throws {@link OptionError} naming the option, for a non-object `options`, an unknown key or
 * an invalid value.
 */
export function resolvePartOptions<O extends object>(
  kind: string,
  options: O | undefined,
  checks: OptionChecks,
): ResolvedOptions<O> {
  if (options === undefined) return { options: Object.freeze({}) as O, spec: { kind } };
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError(
      'options',
      `${kind}: options must be an object, received ${show(options)}`,
    );
  for (const [name, value] of Object.entries(options)) {
    const check = checks[name];
    if (check === undefined) {
      const known = Object.keys(checks);
      throw new OptionError(
        name,
        `${kind}: unknown option "${name}"; ${known.length > 0 ? `expected one of ${known.join(', ')}` : 'it takes no options'}`,
      );
    }
    if (value === undefined) continue;
    const expected = check(value);
    if (expected !== undefined)
      throw new OptionError(
        name,
        `${kind}: option "${name}" must be ${expected}, received ${show(value)}`,
      );
  }
  const copy = deepFreeze(JSON.parse(JSON.stringify(options)) as O);
  return Object.keys(copy).length === 0
    ? { options: copy, spec: { kind } }
    : { options: copy, spec: { kind, options: copy as Readonly<Record<string, unknown>> } };
}

/** A finite number in [0, 1] (a factor value). */
export const unitInterval: OptionCheck = (v) =>
  typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'a number in [0, 1]';

/** A finite number ≥ 0 (a decay per step). */
export const nonNegative: OptionCheck = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a finite number ≥ 0';

/** A finite number > 0 (a scale). */
export const positive: OptionCheck = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a finite number > 0';

/** An integer ≥ 1. */
export const positiveInteger: OptionCheck = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? undefined : 'an integer ≥ 1';

/** An array of values from `allowed` (duplicates allowed). */
export function listOf(allowed: readonly string[]): OptionCheck {
  return (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' && allowed.includes(x))
      ? undefined
      : `an array of ${allowed.join(', ')}`;
}

/** An object with exactly the keys `keys`, each valid under `check`. */
export function recordOf(keys: readonly string[], check: OptionCheck): OptionCheck {
  return (v) => {
    const expected = `an object with keys ${keys.join(', ')}`;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return expected;
    const entries = Object.entries(v);
    if (entries.length !== keys.length || keys.some((k) => !Object.hasOwn(v, k))) return expected;
    for (const [k, x] of entries) {
      const inner = check(x);
      if (inner !== undefined) return `${expected}, each ${inner} (${k})`;
    }
    return undefined;
  };
}

/** An object with exactly the keys of `shape`, each valid under its own check. */
export function shapeOf(shape: OptionChecks): OptionCheck {
  const keys = Object.keys(shape);
  return (v) => {
    const expected = `an object with keys ${keys.join(', ')}`;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return expected;
    const entries = Object.entries(v);
    if (entries.length !== keys.length || keys.some((k) => !Object.hasOwn(v, k))) return expected;
    for (const [k, x] of entries) {
      const inner = shape[k]!(x);
      if (inner !== undefined) return `${expected}, with ${k} ${inner}`;
    }
    return undefined;
  };
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    // fall through: cyclic or otherwise unserialisable
  }
  return String(value);
}
