/**
 * The record validators written ahead of time: the compiled validators of `fast-validate.ts`
 * in their standalone form ({@link standaloneSource}), generated from the schemas into
 * `standalone-validators.data.ts` (a file snapshot of test/model/standalone-validators.test.ts,
 * which fails when the schemas change until it is rewritten with `-u`).
 *
 * Why: the compiled validators are built from the zod schemas on first use, and loading zod and
 * building them costs every process ≈ 100 ms before its first record (zod's ≈ 95 modules ≈ 75–90
 * ms, the schemas ≈ 20 ms; measured on the 2-core machine). A standalone validator reads no zod
 * object: for a record whose every value its tests vouch for — a valid record as a platform
 * exports it — it returns the compiled validator's output without loading zod; where a check or
 * transform would have to look at a value it returns {@link BAIL}, and the compiled validator
 * decides (`parse.ts` `compiledValidator`). Its tests are the named ones of `predicates.ts`, the
 * same function objects the schemas hold.
 *
 * @module
 */
import type { RecordKind } from './enums.js';
import {
  BAIL,
  recordOf,
  REJECT,
  type Node,
  type StandaloneRef,
  type StandaloneSource,
} from './fast-validate.js';
import { predicate } from './predicates.js';
import { STANDALONE_SOURCES } from './standalone-validators.data.js';

const made = new Map<RecordKind, Node | null>();

/**
 * The standalone validator of `kind`: its output (the compiled validator's), {@link REJECT}
 * where that validator rejects, or {@link BAIL}. Null when `kind` has none, or where code
 * generation is disallowed (`--disallow-code-generation-from-strings`).
 */
export function standaloneValidator(kind: RecordKind): Node | null {
  let validator = made.get(kind);
  if (validator === undefined) {
    const source = STANDALONE_SOURCES[kind];
    try {
      validator = source ? standaloneFrom(source) : null;
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      validator = null;
    }
    made.set(kind, validator);
  }
  return validator;
}

/**
 * The validator written as `source`, made without zod.
 *
 * @throws EvalError where code generation is disallowed.
 * @internal
 */
export function standaloneFrom(source: StandaloneSource): Node {
  const names = Object.keys(source.refs);
  // The code was written from the schemas by fast-validate.ts (the data module), never from input.
  const make = new Function(
    'REJECT',
    'BAIL',
    ...names,
    `return function validate(input) {\n${source.body}\n};`,
  ) as (...args: unknown[]) => Node;
  return make(REJECT, BAIL, ...names.map((name) => valueOf(source.refs[name]!)));
}

function valueOf(ref: StandaloneRef): unknown {
  switch (ref.kind) {
    case 'regex':
      return new RegExp(ref.source, ref.flags);
    case 'map':
      return new Map(ref.values.map((v) => [v, v]));
    case 'set':
      return new Set(ref.values);
    case 'default': {
      const value = ref.value;
      // As zod's `defaultValue` getter: a shallow clone each time.
      return {
        get defaultValue() {
          if (Array.isArray(value)) return [...(value as unknown[])];
          if (typeof value === 'object' && value !== null) return { ...value };
          return value;
        },
      };
    }
    case 'predicate':
      return predicate(ref.name, ...ref.args);
    case 'validator':
      return standaloneFrom(ref.source);
    case 'record':
      return recordOf(standaloneFrom(ref.key), standaloneFrom(ref.value), new Set(ref.forbidden));
  }
}
