/**
 * The field names a record schema defines at a path, for did-you-mean suggestions on unknown
 * fields (`colateral` → `collateral`).
 *
 * @module
 */
import type { z as Z } from 'zod';
import { didYouMean, editDistance } from '../util/options.js';

/** Internal definition of a zod 4 schema: the fields this walk reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  options?: readonly unknown[];
  left?: unknown;
  right?: unknown;
  valueType?: unknown;
  getter?: () => unknown;
}

/** Nested wrappers followed before giving up (a guard against a cyclic lazy schema). */
const MAX_DEPTH = 64;

function defOf(schema: unknown): SchemaDef | undefined {
  const def = (schema as { _zod?: { def?: SchemaDef } } | null)?._zod?.def;
  return def && typeof def.type === 'string' ? def : undefined;
}

/**
 * The schemas a wrapper stands for (optional, nullable, default, pipe, union, intersection,
 * lazy…); `[]` when `def` is not a wrapper.
 */
function wrapped(def: SchemaDef): unknown[] {
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return [def.innerType];
    case 'pipe':
      return [def.in, def.out];
    case 'union':
      return [...(def.options ?? [])];
    case 'intersection':
      return [def.left, def.right];
    case 'lazy':
      return def.getter ? [def.getter()] : [];
    default:
      return [];
  }
}

/** The object schemas `schema` may be once wrappers (optional, default, pipe, union…) are opened. */
function objectsOf(schema: unknown, depth = 0): SchemaDef[] {
  const def = defOf(schema);
  if (!def || depth > MAX_DEPTH) return [];
  if (def.type === 'object') return [def];
  return wrapped(def).flatMap((inner) => objectsOf(inner, depth + 1));
}

/** The schemas found by following `key` (a field name or an array index) from `schema`. */
function childrenOf(schema: unknown, key: PropertyKey, depth = 0): unknown[] {
  const def = defOf(schema);
  if (!def || depth > MAX_DEPTH) return [];
  switch (def.type) {
    case 'object':
      return typeof key === 'string' && def.shape && Object.hasOwn(def.shape, key)
        ? [def.shape[key]]
        : [];
    case 'array':
      return typeof key === 'number' ? [def.element] : [];
    case 'record':
      return [def.valueType];
    default:
      return wrapped(def).flatMap((inner) => childrenOf(inner, key, depth + 1));
  }
}

/**
 * Every field name the object schema(s) at `path` inside `schema` define, sorted; `[]` when
 * the path leads to no object schema.
 */
export function knownKeysAt(schema: Z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown[] = [schema];
  for (const key of path) current = current.flatMap((s) => childrenOf(s, key));
  const keys = new Set<string>();
  for (const s of current)
    for (const def of objectsOf(s)) for (const k of Object.keys(def.shape ?? {})) keys.add(k);
  return [...keys].sort();
}

/**
 * Largest edit distance (Damerau–Levenshtein: insertions, deletions, substitutions,
 * adjacent transpositions) at which an unknown field is taken for a typo of a known one.
 * Two catches a doubled or dropped letter plus one more slip (`colateral`, `colatteral`)
 * without pairing unrelated short names.
 */
export const FIELD_SUGGESTION_MAX_DISTANCE = 2;

/**
 * The known field an unknown `key` most likely meant — the closest of `known` within
 * {@link FIELD_SUGGESTION_MAX_DISTANCE} edits (and `didYouMean`'s third-of-the-length bound,
 * so short names are not paired with unrelated ones) — or `undefined`.
 */
export function suggestField(key: string, known: readonly string[]): string | undefined {
  const guess = didYouMean(key, known);
  if (guess === undefined) return undefined;
  return editDistance(key.toLowerCase(), guess.toLowerCase()) <= FIELD_SUGGESTION_MAX_DISTANCE
    ? guess
    : undefined;
}
