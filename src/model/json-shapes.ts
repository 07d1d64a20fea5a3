/**
 * Record shapes primed for `JSON.parse`, so the records a caller parses land in hidden classes
 * that stay valid.
 *
 * **Why.** V8 gives every object `JSON.parse` builds a hidden class (map) from a transition
 * tree keyed by the property count and the keys in order, and records in each field how its
 * values are stored: small integers inline, other numbers in a box. A field whose first
 * values were small integers is generalised the first time a larger or fractional value
 * arrives (an amount above 2³⁰, a ratio 0.067 after a 0), and every object parsed before that
 * is left with a deprecated map. Whoever reads those objects first pays V8's migration of each
 * one. In the seed-scale market that was the first ≈ 200,000 of 345,800 enterprises (their
 * `need` and existing-loan objects: an amount above 2³⁰ first appears at the 10,204th and
 * 184,087th needs and the 209,310th loan): the compiled validator ran 2–2.5× slower over
 * them, ≈ 1 s of a 3.3 s `createEnterpriseIndex`.
 *
 * **What.** Importing finmatch parses one small sample of each record shape — each object of
 * every record kind's schema in the schema's key order, its number fields that may hold more
 * than a small integer set to a fraction — and keeps the samples alive (V8 drops transitions
 * no live object uses). Records parsed afterwards with the same keys in the same order take
 * the sampled maps, whose fields already store boxed numbers: nothing is generalised, nothing
 * deprecated. The records are the same values either way; only how V8 lays them out changes.
 * Records in another key order, or parsed before finmatch was imported, are as before. (The
 * package still declares `sideEffects: false`: a bundler drops this module only with every
 * validator, and losing the priming changes no result.)
 *
 * The samples are derived from the zod schemas ({@link recordShapeSamples}) and shipped as
 * text ({@link RECORD_SHAPE_SAMPLES}, `json-shapes.data.ts`) so that importing finmatch does
 * not load zod; a test keeps the two equal.
 *
 * @module
 */
import type { z as Z } from 'zod';
import { RECORD_SHAPE_SAMPLES } from './json-shapes.data.js';

export { RECORD_SHAPE_SAMPLES };

/**
 * Integers of magnitude below this are stored inline by V8 on every 64-bit build (31-bit
 * "Smi" payload with pointer compression, 32-bit without): a field whose values all lie in
 * range is sampled with 0, any other number field with {@link WIDE_SAMPLE}.
 */
export const SMALL_INTEGER_LIMIT = 2 ** 30;

/** The sample of a number field that may hold more than a small integer: a fraction. */
export const WIDE_SAMPLE = 0.5;

/**
 * An object schema with at most this many optional fields is sampled with every subset of
 * them present; one with more, with all present, none, each one left out, and its trailing
 * ones left out (the omissions a generated or exported file makes).
 */
export const SHAPE_SUBSET_LIMIT = 4;

/** The samples parsed at import, kept so V8 keeps their transitions, and their texts. */
const primed: unknown[] = [];
const primedTexts = new Set<string>();

/**
 * Parses each sample of `samples` (JSON texts) and keeps the result for the life of the
 * process; returns how many it parsed now. Idempotent per text. Never throws: a sample that
 * does not parse is skipped.
 */
export function primeJsonShapes(samples: readonly string[] = RECORD_SHAPE_SAMPLES): number {
  let parsed = 0;
  for (const text of samples) {
    if (primedTexts.has(text)) continue;
    primedTexts.add(text);
    try {
      primed.push(JSON.parse(text));
      parsed++;
    } catch {
      // A malformed sample only loses its priming.
    }
  }
  return parsed;
}

/** The zod 4 internals read here (see fast-validate.ts for the same). */
interface ShapeNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ShapeNode>;
      innerType?: ShapeNode;
      in?: ShapeNode;
      element?: ShapeNode;
      options?: readonly ShapeNode[];
      checks?: readonly { _zod: { def: { check: string; value?: unknown; format?: unknown } } }[];
      values?: readonly unknown[];
      entries?: Record<string, unknown>;
    };
    optin?: 'optional' | 'defaulted';
  };
}

/**
 * The JSON texts to prime for `schemas` (record kind → zod schema), in a stable order without
 * repeats: for every object schema met (records, nested objects, list elements) a sample per
 * set of its optional fields (see {@link SHAPE_SUBSET_LIMIT}), nested values at their full
 * sample.
 */
export function recordShapeSamples(schemas: Readonly<Record<string, Z.ZodType>>): string[] {
  const out = new Set<string>();
  for (const kind of Object.keys(schemas).sort())
    collect(schemas[kind] as unknown as ShapeNode, out);
  return [...out];
}

/** Adds the samples of every object schema under `node` to `out`. */
function collect(node: ShapeNode, out: Set<string>): void {
  const def = node._zod.def;
  const wrapped = innerOf(node);
  if (wrapped) return collect(wrapped, out);
  if (def.type === 'array') return collect(def.element!, out);
  if (def.type === 'union') {
    for (const option of def.options ?? []) collect(option, out);
    return;
  }
  if (def.type !== 'object') return;
  const shape = def.shape ?? {};
  const keys = Object.keys(shape);
  const optional = keys.filter((k) => shape[k]!._zod.optin !== undefined);
  for (const present of optionalSubsets(optional))
    out.add(JSON.stringify(objectSample(shape, (k) => present.has(k))));
  for (const k of keys) collect(shape[k]!, out);
}

/** The schema a wrapper (optional, default, nullable, readonly, pipe) reads its input with. */
function innerOf(node: ShapeNode): ShapeNode | undefined {
  const def = node._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
      return def.innerType;
    case 'pipe':
      return def.in;
    default:
      return undefined;
  }
}

/** A sample of the object `shape`: its required keys and the optional ones `present` names. */
function objectSample(
  shape: Record<string, ShapeNode>,
  present: (key: string) => boolean,
): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const k of Object.keys(shape))
    if (shape[k]!._zod.optin === undefined || present(k)) sample[k] = sampleOf(shape[k]!);
  return sample;
}

/** The sets of optional keys each sampled object has present (see {@link SHAPE_SUBSET_LIMIT}). */
function optionalSubsets(optional: readonly string[]): Set<string>[] {
  const n = optional.length;
  if (n <= SHAPE_SUBSET_LIMIT) {
    const subsets: Set<string>[] = [];
    // Full set first, then by descending mask: a stable order.
    for (let mask = (1 << n) - 1; mask >= 0; mask--)
      subsets.push(new Set(optional.filter((_, i) => (mask & (1 << i)) !== 0)));
    return subsets;
  }
  const subsets = [new Set(optional), new Set<string>()];
  for (const left of optional) subsets.push(new Set(optional.filter((k) => k !== left)));
  for (let keep = n - 2; keep > 0; keep--) subsets.push(new Set(optional.slice(0, keep)));
  return subsets;
}

/** A JSON value of `node`'s type: what decides how V8 stores the field holding it. */
function sampleOf(node: ShapeNode): unknown {
  const def = node._zod.def;
  const wrapped = innerOf(node);
  if (wrapped) return sampleOf(wrapped);
  switch (def.type) {
    case 'object':
      return objectSample(def.shape ?? {}, () => true);
    case 'array':
      return [sampleOf(def.element!)];
    case 'record':
      return {};
    case 'union':
      return def.options && def.options.length > 0 ? sampleOf(def.options[0]!) : null;
    case 'number':
      return smallInteger(node) ? 0 : WIDE_SAMPLE;
    case 'boolean':
      return false;
    case 'literal':
      return def.values?.[0] ?? null;
    case 'enum':
      return Object.values(def.entries ?? {})[0] ?? '';
    case 'string':
      return '';
    default:
      return null;
  }
}

/** Whether number schema `node` holds only integers of magnitude below {@link SMALL_INTEGER_LIMIT}. */
function smallInteger(node: ShapeNode): boolean {
  let integer = false;
  let min = -Infinity;
  let max = Infinity;
  for (const check of node._zod.def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && typeof c.format === 'string' && /int/.test(c.format))
      integer = true;
    else if (c.check === 'greater_than' && typeof c.value === 'number')
      min = Math.max(min, c.value);
    else if (c.check === 'less_than' && typeof c.value === 'number') max = Math.min(max, c.value);
  }
  return integer && min > -SMALL_INTEGER_LIMIT && max < SMALL_INTEGER_LIMIT;
}
