/**
 * A fast accept-path validator compiled from a zod schema: the one schema in `schemas.ts`
 * stays the source of truth, and this module derives from its definition tree a closure per
 * node that either returns the parsed output or {@link REJECT}.
 *
 * What is compiled, and what is shared:
 * - Containers (strict/strip objects, arrays, records, unions, optional, default, pipe) are
 *   walked here, following zod's own rules for presence, defaults and key order, so the output
 *   is the object zod would build (deep-equal, keys in the same order), with the parts equal
 *   to the input adopted (below) as the reference path adopts them ({@link adoptInput}).
 * - Every check (length and range bounds, regexes, integer formats, and every custom
 *   `refine`/`superRefine` — text safety, dates, `min ≤ max`, SRDI rule-set dates, target ∩
 *   excluded sectors, attribute count) and every transform (NFC normalisation, canonical
 *   sector codes) is run by calling the zod check or transform object itself on a reused
 *   payload: one implementation, executed by both paths. A check "fails" here exactly when it
 *   would add an issue there.
 *
 * **Adoption.** Where the output would equal the input — a plain object (or array) whose keys
 * are all known, in any order, no default to fill, every transform (NFC, canonical sector
 * code) leaving its value unchanged — the validator returns the input object itself instead
 * of a copy. Records from JSON with nothing to normalise are then validated without allocating
 * a second copy of the market: no copy to build and collect, and an index holds the caller's
 * objects rather than its own. The key order does not matter: a platform's export in schema
 * order, a Java system's in its classes' field order (Jackson's default) or alphabetically
 * (fastjson's default, alibaba/fastjson#2594) are all adopted — copied, sorted-key records
 * took ≈ 25 % longer to index and the index kept ≈ 440 B per enterprise more. An adopted
 * object keeps the caller's key order; a copied one has zod's (the schema's). The reference
 * path returns the same objects: it adopts from zod's output exactly the parts equal to the
 * input ({@link adoptInput}), so both paths give records that are deep-equal, serialise to the
 * same text and are the caller's own objects alike.
 *
 * The compiled validator only answers "valid, and here is the output". When it rejects, the
 * caller runs zod on that record, so every error (id, path, bilingual message, suggestion) is
 * zod's, by construction. It also rejects every object holding one of the `forbiddenKeys`
 * (prototype-pollution names), which the parse functions report beside zod's issues; a
 * rejection only costs the slower path, never a different answer.
 *
 * **Sure-pass tests.** Calling a check costs little, but zod's wrappers (a `superRefine`
 * allocates a closure per call, a transform runs behind zod's cycle guard) and the payload
 * writes around each call add up over 345,800 records of 19 fields. So before a check is
 * called, a cheap test written into the generated code may vouch for the value: for zod's
 * own length, range, integer and regex checks a test derived from the check's definition
 * (conservative: `max(n)` passes when the UTF-16 length is at most n, whatever zod counts),
 * for a `refine` its own predicate returning `true`, and for a check or transform declared
 * with {@link acceptWhen} the predicate declared there. A test that passes skips the call;
 * one that fails calls the check as before, so a test can only save work, never change a
 * verdict — provided it is sound (it passes only for values the check accepts unchanged).
 * A predicate's test runs behind the check's `when`, as the check would; for a value it does
 * not vouch for it runs again inside the check, so predicates are taken to be pure.
 *
 * A schema node of a kind this compiler does not know (a catchall schema, an intersection, a
 * lazy or exclusive union, a symbol key…) makes {@link compileValidator} return `undefined`,
 * and the caller keeps zod for that whole record kind.
 *
 * **Standalone form.** {@link standaloneSource} writes the same generated validator with every
 * call of a zod check or transform replaced by {@link BAIL} (where the sure-pass test does not
 * vouch for the value) and every value it reads written as data ({@link StandaloneRef}: the
 * sure-pass tests and refine predicates are the named ones of predicates.ts). Written ahead of
 * time into the package (standalone-validators.ts), it decides valid canonical records without
 * loading zod, and leaves every other value to the validator compiled from the schema.
 *
 * @module
 */
import type { z as Z } from 'zod';
import { predicateName, type PredicateName } from './predicates.js';

/** Returned by a compiled validator for input it does not accept. */
export const REJECT: unique symbol = Symbol('finmatch.reject');

/**
 * Returned by a standalone validator ({@link standaloneSource}) for input it cannot decide
 * without zod: a value some check or transform would have to look at (one its sure-pass test
 * does not vouch for). The validator compiled from the schema decides then.
 */
export const BAIL: unique symbol = Symbol('finmatch.bail');

/** A compiled validator: the parsed output, or {@link REJECT}. Never throws for plain data. */
export type CompiledValidator = (value: unknown) => unknown;

/** What a compiled node may not have: a reason the schema is kept on zod. */
export class UncompilableSchemaError extends Error {}

/**
 * What each check or transform declared with {@link acceptWhen} accepts unchanged for sure.
 * Keyed by the zod check or transform instance.
 */
const SURE: WeakMap<object, (value: never) => boolean> = new WeakMap();

/**
 * Declares a sure-pass test for a zod check (a `superRefine` check passed to `.check()`) or a
 * transform (a `z.transform()` schema passed to `.pipe()`): `test(value) === true` promises
 * that the check adds no issue for `value` and leaves it unchanged, or that the transform
 * returns `value` itself and adds no issue. The compiled validator then skips the call where
 * the test passes (see the module comment); where it fails, the check or transform runs. The
 * test must be sound; it need not be complete. Returns `node`.
 */
export function acceptWhen<T extends object, V>(node: T, test: (value: V) => boolean): T {
  SURE.set(node, test as (value: never) => boolean);
  return node;
}

/** The fields of a zod 4 definition this compiler reads. */
interface NodeDef {
  type: string;
  checks?: readonly CheckInstance[];
  shape?: Record<string, ZodInstance>;
  catchall?: ZodInstance;
  element?: ZodInstance;
  innerType?: ZodInstance;
  in?: ZodInstance;
  out?: ZodInstance;
  options?: readonly ZodInstance[];
  inclusive?: boolean;
  keyType?: ZodInstance;
  valueType?: ZodInstance;
  mode?: string;
  coerce?: boolean;
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
  readonly defaultValue?: unknown;
}

/** The internals of a zod 4 schema instance used here. */
interface ZodInstance {
  _zod: {
    def: NodeDef;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
    values?: ReadonlySet<unknown>;
    traits: ReadonlySet<string>;
    run(payload: Payload, ctx: ParseContext): Payload;
  };
}

/** A zod check instance (`min_length`, `regex`, `custom`…). */
interface CheckInstance {
  _zod: {
    def: CheckDef;
    traits?: ReadonlySet<string>;
    check(payload: Payload): unknown;
  };
}

/** The fields of a zod 4 check definition the sure-pass tests read. */
interface CheckDef {
  check: string;
  when?: (payload: Payload) => boolean;
  /** `min_length`, `max_length`, `length_equals`. */
  minimum?: unknown;
  maximum?: unknown;
  length?: unknown;
  /** `greater_than`, `less_than`. */
  value?: unknown;
  inclusive?: unknown;
  /** `number_format`, `string_format`. */
  format?: unknown;
  pattern?: unknown;
  /** A `refine` (`$ZodCustom`): its predicate. */
  fn?: unknown;
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

interface ParseContext {
  async: false;
}

const CONTEXT: ParseContext = { async: false };

/** A validator of one schema node: its output, or {@link REJECT} (or {@link BAIL}). */
export type Node = (value: unknown) => unknown;

/** Options of {@link compileValidator}. */
export interface CompileOptions {
  /** Keys rejected in every object and record (`__proto__`, `constructor`, `prototype`). */
  forbiddenKeys?: ReadonlySet<string>;
  /**
   * `generated` (default): JavaScript written from the schema with `new Function`: a
   * function for the record, one for each object nested in it, for each option of a union
   * and for a record's keys and values (field reads, type tests, presence rules and output
   * literals inline; checks and transforms called). `closures`: a tree of closures, one per
   * schema node — the form used where code generation is disallowed, and the one to compare
   * against.
   */
  form?: 'generated' | 'closures';
}

/**
 * Compiles `schema` (a zod 4 schema) into a fast accept-path validator, or returns
 * `undefined` when some node of the schema is not one this compiler handles (the caller then
 * keeps zod). For a value zod accepts without issues and that holds no forbidden key, the
 * result is `schema.safeParse(value).data` with the parts equal to the input adopted
 * ({@link adoptInput}: deep-equal to zod's record, the input's own objects where nothing
 * changes); otherwise {@link REJECT}.
 */
export function compileValidator(
  schema: Z.ZodType,
  options: CompileOptions = {},
): CompiledValidator | undefined {
  const forbidden = options.forbiddenKeys ?? new Set<string>();
  const root = schema as unknown as ZodInstance;
  try {
    if (options.form !== 'closures') {
      try {
        return generateValidator(root, forbidden);
      } catch (error) {
        // Code generation disallowed (--disallow-code-generation-from-strings): closures.
        if (!(error instanceof EvalError)) throw error;
      }
    }
    return compileNode(root, forbidden);
  } catch (error) {
    if (error instanceof UncompilableSchemaError) return undefined;
    throw error;
  }
}

function compileNode(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const zod = schema._zod;
  if (zod.traits.has('$ZodCheck'))
    throw new UncompilableSchemaError('a schema that is itself a check');
  const parse = compileParse(schema, forbidden);
  const checks = zod.def.checks ?? [];
  return checks.length === 0 ? parse : withChecks(parse, checks);
}

/** Runs `checks` (zod's own check objects) on the parsed value, in zod's order. */
function withChecks(parse: Node, checks: readonly CheckInstance[]): Node {
  const payload: Payload = { value: undefined, issues: [] };
  const runs = checks.map((ch) => ch._zod);
  const n = runs.length;
  return (value) => {
    const out = parse(value);
    if (out === REJECT) return REJECT;
    payload.value = out;
    for (let i = 0; i < n; i++) {
      const ch = runs[i]!;
      const when = ch.def.when;
      if (when !== undefined && !when(payload)) continue;
      ch.check(payload);
      if (payload.issues.length !== 0) {
        payload.issues = [];
        payload.value = undefined;
        return REJECT;
      }
    }
    // A check may overwrite the value (zod's `overwrite`, behind `.trim()` and the like).
    const checked = payload.value;
    payload.value = undefined;
    return checked;
  };
}

function compileParse(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const def = schema._zod.def;
  if (def.coerce) throw new UncompilableSchemaError('coercion');
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : REJECT);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : REJECT);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : REJECT);
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      if (!values) throw new UncompilableSchemaError('enum without values');
      return (v) => (values.has(v) ? v : REJECT);
    }
    case 'optional': {
      const inner = def.innerType!;
      if (inner._zod.optin === 'defaulted')
        throw new UncompilableSchemaError('optional around a defaulted schema');
      const run = compileNode(inner, forbidden);
      return (v) => (v === undefined ? undefined : run(v));
    }
    case 'default': {
      const run = compileNode(def.innerType!, forbidden);
      return (v) => {
        // `defaultValue` is a getter that hands out a fresh (shallow-cloned) default each time.
        if (v === undefined) return def.defaultValue;
        const out = run(v);
        return out === undefined ? def.defaultValue : out;
      };
    }
    case 'pipe': {
      const left = compileNode(def.in!, forbidden);
      const right = compileNode(def.out!, forbidden);
      return (v) => {
        const mid = left(v);
        return mid === REJECT ? REJECT : right(mid);
      };
    }
    case 'transform':
      return runZod(schema);
    case 'array':
      return compileArray(compileNode(def.element!, forbidden));
    case 'object':
      return compileObject(schema, forbidden);
    case 'record':
      return compileRecordWith(schema, forbidden, compileNode);
    case 'union': {
      if (def.inclusive === false) throw new UncompilableSchemaError('exclusive union');
      const options = (def.options ?? []).map((o) => compileNode(o, forbidden));
      return (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== REJECT) return out;
        }
        return REJECT;
      };
    }
    default:
      throw new UncompilableSchemaError(`schema type ${def.type}`);
  }
}

/** A node zod runs itself (a transform): its issues, if any, mean rejection. */
function runZod(schema: ZodInstance): Node {
  const payload: Payload = { value: undefined, issues: [] };
  const zod = schema._zod;
  return (v) => {
    payload.value = v;
    const result = zod.run(payload, CONTEXT);
    const out = result.value;
    const failed = result.issues.length !== 0 || result !== payload;
    payload.value = undefined;
    if (payload.issues.length !== 0) payload.issues = [];
    return failed ? REJECT : out;
  };
}

/**
 * An array's elements are validated into a copy only when one's output differs from it (or the
 * array is not a plain one): a canonical array is adopted without allocating the copy. At the
 * first element that differs, every element is validated again into the copy — elements are
 * never read once and copied unchecked.
 */
function compileArray(element: Node): Node {
  return (v) => {
    if (!Array.isArray(v)) return REJECT;
    const n = v.length;
    let out: unknown[] | null = Object.getPrototypeOf(v) === Array.prototype ? null : new Array(n);
    for (;;) {
      let i = 0;
      for (; i < n; i++) {
        const x = v[i] as unknown;
        const item = element(x);
        if (item === REJECT) return REJECT;
        if (out !== null) out[i] = item;
        else if (item !== x) break;
      }
      if (i === n) return out ?? v;
      out = new Array<unknown>(n);
    }
  };
}

/** How an object field is written to the output, from its schema's optin/optout (zod's rules). */
const enum Presence {
  /** Required: absent is an error; written when present. */
  Required,
  /** Optional in and out: written when present. */
  WhenPresent,
  /** Optional in and out with a defaulted inner schema: written when defined or present. */
  WhenDefinedOrPresent,
  /** Defaulted: always written. */
  Always,
}

function presenceOf(field: ZodInstance): Presence {
  const { optin, optout } = field._zod;
  if (optin === undefined) return Presence.Required;
  if (optout === 'optional')
    return optin === 'optional' ? Presence.WhenPresent : Presence.WhenDefinedOrPresent;
  return optin === 'defaulted' ? Presence.Always : Presence.WhenDefinedOrPresent;
}

/**
 * The fields of an object schema and whether it is strict (a `never` catchall), for both
 * compiled forms; a schema they cannot follow (symbol keys, a catchall schema) throws.
 */
function objectShape(schema: ZodInstance): { shape: Record<string, ZodInstance>; strict: boolean } {
  const def = schema._zod.def;
  const shape = def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length > 0)
    throw new UncompilableSchemaError('symbol keys');
  if (def.catchall === undefined) return { shape, strict: false };
  if (def.catchall._zod.def.type !== 'never') throw new UncompilableSchemaError('catchall schema');
  return { shape, strict: true };
}

function compileObject(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const { shape, strict } = objectShape(schema);
  const known = new Set(Object.keys(shape));
  const fields = Object.keys(shape)
    .filter((k) => k !== '__proto__')
    .map((key) => ({
      key,
      run: compileNode(shape[key]!, forbidden),
      presence: presenceOf(shape[key]!),
    }));
  const n = fields.length;
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REJECT;
    const input = v as Record<string, unknown>;
    // Adoptable (see Adoption above) while it is a plain object with known keys only.
    let same = Object.getPrototypeOf(input) === Object.prototype;
    let seen = 0;
    // Unknown keys first: a strict object rejects them; any object rejects a forbidden one; a
    // stripped unknown key makes the output differ from the input.
    for (const key in input) {
      if (known.has(key)) {
        seen++;
        continue;
      }
      if (strict || forbidden.has(key)) return REJECT;
      same = false;
    }
    const out: Record<string, unknown> = {};
    let present = 0;
    for (let i = 0; i < n; i++) {
      const field = fields[i]!;
      const key = field.key;
      const x = input[key];
      const value = field.run(x);
      if (value === REJECT) return REJECT;
      const has = key in input;
      if (has) present++;
      if (value !== x || (field.presence === Presence.Always && !has)) same = false;
      switch (field.presence) {
        case Presence.Required:
          if (!has) return REJECT;
          out[key] = value;
          break;
        case Presence.WhenPresent:
          if (has) out[key] = value;
          break;
        case Presence.WhenDefinedOrPresent:
          if (value !== undefined || has) out[key] = value;
          break;
        default:
          out[key] = value;
      }
    }
    return same && seen === present ? input : out;
  };
}

/**
 * What the compiled validators return for `input`, given the record zod built for it
 * (`output`, from an input zod accepted): `output` with each part equal to the input's part in
 * the same place replaced by that part itself — the input when all of it is (see Adoption
 * above). One rule for the reference path, stated as the compiled validators apply it: a
 * plain object (prototype `Object.prototype`) with the same own enumerable keys, in any order,
 * whose values are adopted in turn; a plain array of the same length whose elements are; a
 * primitive that is `===`. `output` is changed in place (zod built it for this call). It
 * reads the input's fields again: plain data reads the same, but a getter that answers
 * differently on a second read can leave the two paths with records in different key orders.
 */
export function adoptInput(output: unknown, input: unknown): unknown {
  if (output === input || typeof output !== 'object' || output === null) return output;
  if (typeof input !== 'object' || input === null) return output;
  if (Array.isArray(output)) {
    if (!Array.isArray(input) || input.length !== output.length) return output;
    let same = Object.getPrototypeOf(input) === Array.prototype;
    for (let i = 0; i < output.length; i++) {
      const x = (input as unknown[])[i];
      output[i] = adoptInput(output[i], x);
      if (output[i] !== x) same = false;
    }
    return same ? input : output;
  }
  if (Array.isArray(input)) return output;
  const out = output as Record<string, unknown>;
  const from = input as Record<string, unknown>;
  const keys = Object.keys(out);
  let same =
    Object.getPrototypeOf(from) === Object.prototype && Object.keys(from).length === keys.length;
  for (const key of keys) {
    // The part zod read for this key (own or not): a nested object may be adopted even where
    // this one is copied, as the compiled validators adopt it.
    const x = from[key];
    out[key] = adoptInput(out[key], x);
    if (out[key] !== x || !Object.prototype.propertyIsEnumerable.call(from, key)) same = false;
  }
  return same ? from : out;
}

/**
 * Whether `record` (a validator's output for `input`) holds an object or array of the input's
 * own, anywhere inside it: an adopted part, which the caller may still change. Adoption puts a
 * part only where the input had it, so the walk follows the two side by side.
 */
export function holdsInputParts(record: unknown, input: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  if (record === input) return true;
  if (typeof input !== 'object' || input === null) return false;
  const from = input as Record<string, unknown>;
  if (Array.isArray(record)) {
    for (let i = 0; i < record.length; i++) if (holdsInputParts(record[i], from[i])) return true;
    return false;
  }
  for (const key of Object.keys(record))
    if (holdsInputParts((record as Record<string, unknown>)[key], from[key])) return true;
  return false;
}

/** A record (string keys matching a key schema, values of one schema), its parts compiled by `compile`. */
function compileRecordWith(
  schema: ZodInstance,
  forbidden: ReadonlySet<string>,
  compile: (schema: ZodInstance, forbidden: ReadonlySet<string>) => Node,
): Node {
  const { keyType, valueType } = recordParts(schema);
  return recordOf(compile(keyType, forbidden), compile(valueType, forbidden), forbidden);
}

/** A record schema's key and value schemas; one this compiler does not follow throws. */
function recordParts(schema: ZodInstance): { keyType: ZodInstance; valueType: ZodInstance } {
  const def = schema._zod.def;
  const keyType = def.keyType!;
  if (keyType._zod.values !== undefined || def.mode === 'loose')
    throw new UncompilableSchemaError('a record over an enumerable key set');
  return { keyType, valueType: def.valueType! };
}

/**
 * A record's validator from its key and value parts: each returns its output or {@link REJECT}
 * (or, for a standalone validator's parts, {@link BAIL}, which the record returns at once).
 */
export function recordOf(key: Node, value: Node, forbidden: ReadonlySet<string>): Node {
  return (v) => {
    // zod accepts only plain objects here; anything unusual is left to zod.
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REJECT;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return REJECT;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // Adopted (see Adoption above) when every key and value is its own output.
    let same = proto === Object.prototype;
    for (const k of Reflect.ownKeys(input)) {
      if (typeof k !== 'string') return REJECT;
      // A non-enumerable key is skipped, as zod skips it; it is not part of the record (JSON
      // and every reader of the record's keys skip it too), so the input stays adoptable, as
      // an object with a non-enumerable unknown key does.
      if (!Object.prototype.propertyIsEnumerable.call(input, k)) continue;
      if (k === '__proto__' || forbidden.has(k)) return REJECT;
      const outKey = key(k);
      if (outKey === BAIL) return BAIL;
      if (outKey === REJECT || typeof outKey !== 'string' || forbidden.has(outKey)) return REJECT;
      if (outKey === '__proto__') return REJECT;
      const x = input[k];
      const item = value(x);
      if (item === REJECT || item === BAIL) return item;
      if (outKey !== k || item !== x || outKey in out) same = false;
      out[outKey] = item;
    }
    return same ? input : out;
  };
}

// ---------------------------------------------------------------------------------------------
// The generated form: the same rules as the closures above, written out as JavaScript.
//
// One function per object of the schema: the first object met (the record's own) inline in
// the validator's function, each object nested in it (the financing need, the SRDI status,
// each existing loan and chain membership) a function of its own, written once per place it
// occurs (a union's options and a record's parts were functions of their own already). Why:
// objects parsed from JSON change hidden class as a file goes on (a field first met as a small
// integer and later as a fraction gets a more general representation, and the objects made
// before keep the old class until touched). When the whole record was one function, the first
// nested object of a class it had not met threw its optimised code away, and V8 re-optimised
// that one large function only once its type feedback had settled: in a seed-scale sweep,
// from the first record it had not met (the 20,001st, after the warm-up) to about the
// 240,000th, validation ran unoptimised at ≈ 11 ms per 2,000 enterprises, three times slower.
// Now a nested object of a new class costs its own small function a deoptimisation, soon
// recovered, and the record's function keeps its code (4–5 ms per 2,000 from the first fresh
// chunk on; `createEnterpriseIndex` from raw records 2.72–3.01 → 2.17–2.21 s in
// bench/validate.mjs). V8 may still inline a small nested function into its caller, where a
// class it has not met deoptimises the caller again; measured, it does not happen for these
// records on Node 20.

/**
 * A value the code of a standalone validator reads, as data: the module that runs the
 * validator (standalone-validators.ts) makes the value from it without zod.
 */
export type StandaloneRef =
  /** A regular expression. */
  | { kind: 'regex'; source: string; flags: string }
  /** A string enum's values, each mapped to itself (the schema's own strings are returned). */
  | { kind: 'map'; values: string[] }
  /** An enum's or literal's values. */
  | { kind: 'set'; values: (string | number | boolean | null)[] }
  /** A default (zod hands out a shallow clone of it each time). */
  | { kind: 'default'; value: unknown }
  /** A named test of predicates.ts. */
  | { kind: 'predicate'; name: PredicateName; args: string[] }
  /** A nested validator (an object, a union's option). */
  | { kind: 'validator'; source: StandaloneSource }
  /** A record of string keys ({@link recordOf}). */
  | { kind: 'record'; key: StandaloneSource; value: StandaloneSource; forbidden: string[] };

/**
 * A standalone validator as data: the body of `function validate(input)`, reading `REJECT`,
 * `BAIL` and the names of `refs`.
 */
export interface StandaloneSource {
  body: string;
  refs: Record<string, StandaloneRef>;
}

/**
 * Writes the validator of one schema as JavaScript source, collecting the values it closes over.
 * A standalone writer ({@link standaloneSource}) writes code that needs no zod object: where a
 * check or transform would run, it returns {@link BAIL}; the values it reads are written as
 * {@link StandaloneRef}s.
 */
class Writer {
  private readonly values: unknown[] = [];
  private readonly prefixes: string[] = [];
  private readonly names: string[] = [];
  private readonly refs: Record<string, StandaloneRef> = {};
  private counter = 0;
  /**
   * Whether the next object met is written inline: the first one (the record's own, for a
   * record), so its fields are read in this function; every object nested in it is a
   * function of its own.
   */
  inlineObject = true;
  /** The code that fails the whole validation. */
  readonly fail: string;
  constructor(
    readonly forbidden: ReadonlySet<string>,
    readonly standalone = false,
  ) {
    this.fail = standalone ? 'return REJECT;' : FAIL;
  }

  /**
   * A name under which the generated code reads `value` (a check, a set, a definition); in a
   * standalone writer, `data` is what the value is made from (see {@link standaloneRef}).
   */
  ref(value: unknown, prefix: string, data?: () => StandaloneRef): string {
    // One value read in two roles is two references: a standalone writer refers to a nested
    // object schema both as a shape (`object`, its checks its caller's) and as a union's option
    // (`option`, checks included).
    for (let i = 0; i < this.values.length; i++)
      if (this.values[i] === value && this.prefixes[i] === prefix) return this.names[i]!;
    const name = `${prefix}${this.values.length}`;
    if (this.standalone) this.refs[name] = data ? data() : standaloneRef(value, prefix);
    this.values.push(value);
    this.prefixes.push(prefix);
    this.names.push(name);
    return name;
  }

  /** The standalone validator whose body is `body`. */
  source(body: string): StandaloneSource {
    return { body, refs: this.refs };
  }

  /** A fresh local variable name. */
  local(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /** The function whose body is `body`, closing over every referenced value. */
  build(body: string): Node {
    // Generated from the schema's own key names and definitions (see generateValidator), never
    // from input; the REJECT and P (the shared payload) names are reserved.
    const make = new Function(
      'REJECT',
      'P',
      'CTX',
      ...this.names,
      `return function validate(input) {\n${body}\n};`,
    ) as (...args: unknown[]) => Node;
    return make(REJECT, this.payload, CONTEXT, ...this.values);
  }

  /** The payload every check and transform of this validator runs on, reused. */
  readonly payload: Payload = { value: undefined, issues: [] };
}

/** The code that fails the whole validation (the shared payload is cleared first). */
const FAIL = '{ P.issues.length = 0; P.value = undefined; return REJECT; }';

function generateValidator(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const w = new Writer(forbidden);
  return w.build(validatorBody(schema, w));
}

/** The shape of object `schema` alone (its own checks are its caller's), as one function. */
function generateObject(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const w = new Writer(forbidden);
  return w.build(objectBody(schema, w));
}

function validatorBody(schema: ZodInstance, w: Writer): string {
  return ['let out;', ...emit(schema, 'input', 'out', w), 'return out;'].join('\n');
}

function objectBody(schema: ZodInstance, w: Writer): string {
  w.inlineObject = false;
  return ['let out;', ...emitObject(schema, 'input', 'out', w), 'return out;'].join('\n');
}

/**
 * The standalone validator of `schema` (a zod 4 schema), as data, or `undefined` when the
 * schema has a node neither form compiles or one only zod can run on every value (a check or
 * transform without a sure-pass test). It is the generated validator of
 * {@link compileValidator} with every place that would call zod (a check or transform whose
 * sure-pass test does not vouch for the value) returning {@link BAIL} instead: for any input
 * it returns either that validator's output, {@link REJECT} where that validator rejects, or
 * {@link BAIL}. Its sure-pass tests and refine predicates are the named ones of predicates.ts.
 * Written ahead of time (standalone-validators.data.ts), it validates records without zod.
 */
export function standaloneSource(
  schema: Z.ZodType,
  forbidden: ReadonlySet<string>,
): StandaloneSource | undefined {
  try {
    const w = new Writer(forbidden, true);
    return w.source(validatorBody(schema as unknown as ZodInstance, w));
  } catch (error) {
    if (error instanceof UncompilableSchemaError) return undefined;
    throw error;
  }
}

function standaloneObject(schema: ZodInstance, forbidden: ReadonlySet<string>): StandaloneSource {
  const w = new Writer(forbidden, true);
  return w.source(objectBody(schema, w));
}

function standaloneNode(schema: ZodInstance, forbidden: ReadonlySet<string>): StandaloneSource {
  const w = new Writer(forbidden, true);
  return w.source(validatorBody(schema, w));
}

/** The data a standalone validator makes `value` (read under `prefix`) from. */
function standaloneRef(value: unknown, prefix: string): StandaloneRef {
  const plain = (v: unknown) =>
    v === null || ['string', 'number', 'boolean'].includes(typeof v)
      ? (v as string | number | boolean | null)
      : unsupported();
  const unsupported = (): never => {
    throw new UncompilableSchemaError(`a standalone ${prefix} reference`);
  };
  switch (prefix) {
    case 'pattern':
      return value instanceof RegExp
        ? { kind: 'regex', source: value.source, flags: value.flags }
        : unsupported();
    case 'values':
      if (value instanceof Map)
        return {
          kind: 'map',
          values: [...value.keys()].map((v) => (typeof v === 'string' ? v : unsupported())),
        };
      return value instanceof Set ? { kind: 'set', values: [...value].map(plain) } : unsupported();
    case 'def': {
      // zod's getter hands out a shallow clone of the default, or calls a default function
      // each time: only plain JSON data, the same at two reads, is written down (a function
      // giving the same JSON each time is the constant it gives).
      const v = (value as NodeDef).defaultValue;
      const text = JSON.stringify(v);
      if (text === undefined || !isDeepEqualJson(JSON.parse(text), v)) unsupported();
      if (JSON.stringify((value as NodeDef).defaultValue) !== text) unsupported();
      return { kind: 'default', value: v };
    }
    case 'sure':
    case 'refine': {
      const named = predicateName(value);
      return named ? { kind: 'predicate', name: named.name, args: [...named.args] } : unsupported();
    }
    default:
      // A check, its `when` or a transform's run: zod's own objects.
      return unsupported();
  }
}

/** Whether `a` (parsed from JSON) and `b` are equal as JSON data (nothing lost by writing `b`). */
function isDeepEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (!Array.isArray(b) && Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k, i) =>
        k === kb[i] &&
        isDeepEqualJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** Code that sets `out` (declared by the caller) to the output of `schema` for local `input`. */
function emit(schema: ZodInstance, input: string, out: string, w: Writer): string[] {
  const zod = schema._zod;
  if (zod.traits.has('$ZodCheck'))
    throw new UncompilableSchemaError('a schema that is itself a check');
  const lines = emitParse(schema, input, out, w);
  for (const ch of zod.def.checks ?? []) {
    const when = ch._zod.def.when;
    const sure = surePass(ch, zod.def.type, out, w);
    if (w.standalone) {
      // Where the test does not vouch for the value, the check would run: zod decides.
      if (sure === undefined || (when !== undefined && callsPredicate(ch)))
        throw new UncompilableSchemaError('a check without a sure-pass test');
      lines.push(`if (!(${sure})) return BAIL;`);
      continue;
    }
    const run = w.ref(ch._zod.check, 'check');
    // The check reads the shared payload, and may overwrite the value (zod's `overwrite`).
    const call = `{ ${run}(P); if (P.issues.length !== 0) ${FAIL} }`;
    const io = (code: string) => `P.value = ${out}; ${code} ${out} = P.value; P.value = undefined;`;
    const guarded = when === undefined ? call : `if (${w.ref(when, 'when')}(P)) ${call}`;
    if (sure === undefined) lines.push(io(guarded));
    else if (when === undefined || !callsPredicate(ch))
      // zod's own tests read a value of the node's type and cannot throw: before `when`.
      lines.push(`if (!(${sure})) { ${io(guarded)} }`);
    else
      // A predicate runs where the check would, behind its `when`: it may count on `when` to
      // keep values away from it.
      lines.push(io(`if (${w.ref(when, 'when')}(P)) { if (!(${sure})) ${call} }`));
  }
  return lines;
}

/** Whether `ch`'s sure-pass test calls a predicate (a refine's, or one declared for it). */
function callsPredicate(ch: CheckInstance): boolean {
  return SURE.has(ch) || ch._zod.def.check === 'custom';
}

/** A count a length check compares with: a non-negative safe integer. */
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * A JavaScript expression over the local `v`, true only for values check `ch` surely accepts
 * unchanged (see Sure-pass tests in the module comment), for a node of zod type `type` whose
 * parse has already tested the value's type; `undefined` where there is no such test.
 */
function surePass(ch: CheckInstance, type: string, v: string, w: Writer): string | undefined {
  const declared = SURE.get(ch);
  if (declared !== undefined) return `${w.ref(declared, 'sure')}(${v}) === true`;
  const def = ch._zod.def;
  const sized = type === 'string' || type === 'array';
  switch (def.check) {
    case 'max_length':
      // zod counts code points, older versions UTF-16 units: n units hold at most n points.
      return sized && isCount(def.maximum) ? `${v}.length <= ${def.maximum}` : undefined;
    case 'min_length':
      if (!sized || !isCount(def.minimum)) return undefined;
      // A code point is one or two units: u units hold at least ⌈u / 2⌉ points, so 2n − 1
      // units hold at least n.
      return `${v}.length >= ${type === 'string' ? Math.max(0, 2 * def.minimum - 1) : def.minimum}`;
    case 'length_equals':
      return type === 'array' && isCount(def.length) ? `${v}.length === ${def.length}` : undefined;
    case 'greater_than':
    case 'less_than': {
      if (type !== 'number' || typeof def.value !== 'number' || !Number.isFinite(def.value))
        return undefined;
      const op =
        def.check === 'greater_than' ? (def.inclusive ? '>=' : '>') : def.inclusive ? '<=' : '<';
      return `${v} ${op} (${def.value})`;
    }
    case 'number_format':
      return type === 'number' && def.format === 'safeint'
        ? `Number.isSafeInteger(${v})`
        : undefined;
    case 'string_format': {
      if (type !== 'string' || def.format !== 'regex' || !(def.pattern instanceof RegExp))
        return undefined;
      const pattern = w.ref(def.pattern, 'pattern');
      return `(${pattern}.lastIndex = 0, ${pattern}.test(${v}))`;
    }
    case 'custom':
      // A `refine`: its own predicate; zod reports an issue for anything falsy.
      return ch._zod.traits?.has('$ZodCustom') === true && typeof def.fn === 'function'
        ? `${w.ref(def.fn, 'refine')}(${v}) === true`
        : undefined;
    default:
      return undefined;
  }
}

function emitParse(schema: ZodInstance, input: string, out: string, w: Writer): string[] {
  const def = schema._zod.def;
  if (def.coerce) throw new UncompilableSchemaError('coercion');
  switch (def.type) {
    case 'string':
      return [`if (typeof ${input} !== 'string') ${w.fail}`, `${out} = ${input};`];
    case 'number':
      return [
        `if (typeof ${input} !== 'number' || !Number.isFinite(${input})) ${w.fail}`,
        `${out} = ${input};`,
      ];
    case 'boolean':
      return [`if (typeof ${input} !== 'boolean') ${w.fail}`, `${out} = ${input};`];
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      if (!values) throw new UncompilableSchemaError('enum without values');
      if ([...values].every((v) => typeof v === 'string')) {
        // The schema's own string is returned (equal by value, so the output is the same), so
        // 345,800 records share one 'techReloanCandidates' instead of holding a copy each.
        const canonical = w.ref(new Map([...values].map((v) => [v, v])), 'values');
        return [`${out} = ${canonical}.get(${input});`, `if (${out} === undefined) ${w.fail}`];
      }
      return [`if (!${w.ref(values, 'values')}.has(${input})) ${w.fail}`, `${out} = ${input};`];
    }
    case 'optional': {
      const inner = def.innerType!;
      if (inner._zod.optin === 'defaulted')
        throw new UncompilableSchemaError('optional around a defaulted schema');
      return [
        `if (${input} === undefined) ${out} = undefined; else {`,
        ...emit(inner, input, out, w),
        '}',
      ];
    }
    case 'default': {
      // `defaultValue` is a getter that hands out a fresh (shallow-cloned) default each time.
      const d = w.ref(def, 'def');
      return [
        `if (${input} === undefined) ${out} = ${d}.defaultValue; else {`,
        ...emit(def.innerType!, input, out, w),
        `if (${out} === undefined) ${out} = ${d}.defaultValue;`,
        '}',
      ];
    }
    case 'pipe': {
      const mid = w.local('m');
      return [`let ${mid};`, ...emit(def.in!, input, mid, w), ...emit(def.out!, mid, out, w)];
    }
    case 'transform': {
      const sure = SURE.get(schema);
      if (w.standalone) {
        // The transform returns the value itself where its test vouches for it; else zod runs it.
        if (sure === undefined) throw new UncompilableSchemaError('a transform without a test');
        return [
          `if (${w.ref(sure, 'sure')}(${input}) === true) ${out} = ${input}; else return BAIL;`,
        ];
      }
      const run = w.ref(schema._zod.run, 'run');
      const r = w.local('r');
      const call = [
        `P.value = ${input};`,
        `const ${r} = ${run}(P, CTX);`,
        `if (${r} !== P || P.issues.length !== 0) ${w.fail}`,
        `${out} = P.value; P.value = undefined;`,
      ];
      if (sure === undefined) return call;
      return [
        `if (${w.ref(sure, 'sure')}(${input}) === true) ${out} = ${input}; else {`,
        ...call,
        '}',
      ];
    }
    case 'array': {
      const [n, a, i, x, e] = ['n', 'a', 'i', 'x', 'e'].map((p) => w.local(p)) as [
        string,
        string,
        string,
        string,
        string,
      ];
      // Adopted (see Adoption above) while every element is its own output: the copy `a` is
      // made only at the first element that differs, and every element is then validated
      // again into it (as compileArray does).
      return [
        `if (!Array.isArray(${input})) ${w.fail}`,
        `const ${n} = ${input}.length;`,
        `let ${a} = Object.getPrototypeOf(${input}) === Array.prototype ? null : new Array(${n});`,
        'for (;;) {',
        `let ${i} = 0;`,
        `for (; ${i} < ${n}; ${i}++) {`,
        `const ${x} = ${input}[${i}]; let ${e};`,
        ...emit(def.element!, x, e, w),
        `if (${a} !== null) ${a}[${i}] = ${e}; else if (${e} !== ${x}) break;`,
        '}',
        `if (${i} === ${n}) break;`,
        `${a} = new Array(${n});`,
        '}',
        `${out} = ${a} === null ? ${input} : ${a};`,
      ];
    }
    case 'object': {
      if (w.inlineObject) {
        w.inlineObject = false;
        return emitObject(schema, input, out, w);
      }
      // A nested object is a function of its own (see The generated form, above Writer).
      if (w.standalone) {
        const run = w.ref(schema, 'object', () => ({
          kind: 'validator',
          source: standaloneObject(schema, w.forbidden),
        }));
        return [
          `${out} = ${run}(${input});`,
          `if (${out} === REJECT || ${out} === BAIL) return ${out};`,
        ];
      }
      const run = w.ref(generateObject(schema, w.forbidden), 'object');
      return [`${out} = ${run}(${input});`, `if (${out} === REJECT) ${w.fail}`];
    }
    case 'record': {
      // Records (custom attributes) are rare: the closure form, with generated key and value parts.
      if (w.standalone) {
        const run = w.ref(schema, 'record', () => {
          const { keyType, valueType } = recordParts(schema);
          return {
            kind: 'record',
            key: standaloneNode(keyType, w.forbidden),
            value: standaloneNode(valueType, w.forbidden),
            forbidden: [...w.forbidden],
          };
        });
        return [
          `${out} = ${run}(${input});`,
          `if (${out} === REJECT || ${out} === BAIL) return ${out};`,
        ];
      }
      const run = w.ref(compileRecordWith(schema, w.forbidden, generateValidator), 'record');
      return [`${out} = ${run}(${input});`, `if (${out} === REJECT) ${w.fail}`];
    }
    case 'union': {
      if (def.inclusive === false) throw new UncompilableSchemaError('exclusive union');
      if (w.standalone) {
        // An option that cannot decide (BAIL) leaves the union undecided: a later option may
        // accept what zod would have taken from it.
        const lines = [`${out} = REJECT;`];
        for (const o of def.options ?? []) {
          const run = w.ref(o, 'option', () => ({
            kind: 'validator',
            source: standaloneNode(o, w.forbidden),
          }));
          lines.push(`if (${out} === REJECT) ${out} = ${run}(${input});`);
          lines.push(`if (${out} === BAIL) return BAIL;`);
        }
        lines.push(`if (${out} === REJECT) return REJECT;`);
        return lines;
      }
      const options = (def.options ?? []).map((o) =>
        w.ref(generateValidator(o, w.forbidden), 'option'),
      );
      const lines = [`${out} = REJECT;`];
      for (const o of options) lines.push(`if (${out} === REJECT) ${out} = ${o}(${input});`);
      lines.push(`if (${out} === REJECT) ${w.fail}`);
      return lines;
    }
    default:
      throw new UncompilableSchemaError(`schema type ${def.type}`);
  }
}

function emitObject(schema: ZodInstance, input: string, out: string, w: Writer): string[] {
  const { shape, strict } = objectShape(schema);
  const keys = Object.keys(shape);
  const lit = (k: string) => JSON.stringify(k);
  // `same`: the input is adoptable (see Adoption above) — a plain object whose keys are all known,
  // in any order; the fields' outputs are compared below.
  const same = w.local('s');
  const seen = w.local('c');
  const lines = [
    `if (typeof ${input} !== 'object' || ${input} === null || Array.isArray(${input})) ${w.fail}`,
    `let ${same} = Object.getPrototypeOf(${input}) === Object.prototype; let ${seen} = 0;`,
  ];
  // Unknown keys first: a strict object rejects them; any object rejects a forbidden one; a
  // stripped unknown key makes the output differ from the input.
  const forbiddenCheck = [...w.forbidden].map((k) => `if (key === ${lit(k)}) ${w.fail}`).join(' ');
  const unknown = strict ? w.fail : `${forbiddenCheck} ${same} = false;`;
  lines.push(`for (const key in ${input}) {`);
  if (keys.length > 0)
    lines.push(
      `switch (key) { ${keys.map((k) => `case ${lit(k)}:`).join(' ')} ${seen}++; continue; }`,
    );
  lines.push(unknown, '}');
  const fields = keys
    .filter((k) => k !== '__proto__')
    .map((key) => ({
      key,
      value: w.local('f'),
      read: w.local('x'),
      // Whether the input has the key, tested once (a required field's absence fails).
      has: w.local('h'),
      presence: presenceOf(shape[key]!),
    }));
  for (const f of fields) {
    lines.push(`const ${f.read} = ${input}[${lit(f.key)}]; let ${f.value};`);
    lines.push(...emit(shape[f.key]!, f.read, f.value, w));
    if (f.presence === Presence.Required) lines.push(`if (!(${lit(f.key)} in ${input})) ${w.fail}`);
    else lines.push(`const ${f.has} = ${lit(f.key)} in ${input};`);
  }
  // Every field's output is its input (a default written where the input had no key is not).
  const unchanged = fields.map((f) =>
    f.presence === Presence.Always
      ? `${f.value} === ${f.read} && ${f.has}`
      : `${f.value} === ${f.read}`,
  );
  // Leading fields that are always written form one literal (one hidden class per schema);
  // from the first conditional one on, each is assigned in shape order: zod's key order.
  let split = fields.findIndex(
    (f) => f.presence !== Presence.Required && f.presence !== Presence.Always,
  );
  if (split < 0) split = fields.length;
  const literal = fields
    .slice(0, split)
    .map((f) => `${lit(f.key)}: ${f.value}`)
    .join(', ');
  const o = w.local('o');
  lines.push(`let ${o};`);
  // Every field read is a key the loop saw (not a non-enumerable one JSON would drop): the
  // required ones (present, or the validation failed) and the optional ones the input has.
  const required = fields.filter((f) => f.presence === Presence.Required).length;
  const present = [
    String(required),
    ...fields.filter((f) => f.presence !== Presence.Required).map((f) => `(${f.has} ? 1 : 0)`),
  ].join(' + ');
  lines.push(
    `if (${[same, ...unchanged, `${seen} === ${present}`].join(' && ')}) ${o} = ${input}; else {`,
  );
  lines.push(`${o} = { ${literal} };`);
  for (const f of fields.slice(split)) {
    const k = lit(f.key);
    if (f.presence === Presence.Required || f.presence === Presence.Always)
      lines.push(`${o}[${k}] = ${f.value};`);
    else if (f.presence === Presence.WhenPresent)
      lines.push(`if (${f.has}) ${o}[${k}] = ${f.value};`);
    else lines.push(`if (${f.value} !== undefined || ${f.has}) ${o}[${k}] = ${f.value};`);
  }
  lines.push('}', `${out} = ${o};`);
  return lines;
}
