/**
 * A fast accept-path validator compiled from a zod schema: the one schema in `schemas.ts`
 * stays the source of truth, and this module derives from its definition tree a closure per
 * node that either returns the parsed output or {@link REJECT}.
 *
 * What is compiled, and what is shared:
 * - Containers (strict/strip objects, arrays, records, unions, optional, default, pipe) are
 *   walked here, following zod's own rules for presence, defaults and key order, so the output
 *   is the object zod would build (deep-equal, keys in the same order).
 * - Every check (length and range bounds, regexes, integer formats, and every custom
 *   `refine`/`superRefine` — text safety, dates, `min ≤ max`, SRDI rule-set dates, target ∩
 *   excluded sectors, attribute count) and every transform (NFC normalisation, canonical
 *   sector codes) is run by calling the zod check or transform object itself on a reused
 *   payload: one implementation, executed by both paths. A check "fails" here exactly when it
 *   would add an issue there.
 *
 * The compiled validator only answers "valid, and here is the output". When it rejects, the
 * caller runs zod on that record, so every error (id, path, bilingual message, suggestion) is
 * zod's, by construction. It also rejects every object holding one of the `forbiddenKeys`
 * (prototype-pollution names), which the parse functions report beside zod's issues; a
 * rejection only costs the slower path, never a different answer.
 *
 * A schema node of a kind this compiler does not know (a catchall schema, an intersection, a
 * lazy or exclusive union, a symbol key…) makes {@link compileValidator} return `undefined`,
 * and the caller keeps zod for that whole record kind.
 *
 * @module
 */
import type { z as Z } from 'zod';

/** Returned by a compiled validator for input it does not accept. */
export const REJECT: unique symbol = Symbol('finmatch.reject');

/** A compiled validator: the parsed output, or {@link REJECT}. Never throws for plain data. */
export type CompiledValidator = (value: unknown) => unknown;

/** What a compiled node may not have: a reason the schema is kept on zod. */
export class UncompilableSchemaError extends Error {}

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
    def: { check: string; when?: (payload: Payload) => boolean };
    check(payload: Payload): unknown;
  };
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

interface ParseContext {
  async: false;
}

const CONTEXT: ParseContext = { async: false };

type Node = (value: unknown) => unknown;

/** Options of {@link compileValidator}. */
export interface CompileOptions {
  /** Keys rejected in every object and record (`__proto__`, `constructor`, `prototype`). */
  forbiddenKeys?: ReadonlySet<string>;
}

/**
 * Compiles `schema` (a zod 4 schema) into a fast accept-path validator, or returns
 * `undefined` when some node of the schema is not one this compiler handles (the caller then
 * keeps zod). The result returns exactly what `schema.safeParse(value).data` would for a value
 * zod accepts without issues and that holds no forbidden key; otherwise {@link REJECT}.
 */
export function compileValidator(
  schema: Z.ZodType,
  options: CompileOptions = {},
): CompiledValidator | undefined {
  const forbidden = options.forbiddenKeys ?? new Set<string>();
  try {
    return compileNode(schema as unknown as ZodInstance, forbidden);
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
    for (let i = 0; i < n; i++) {
      const ch = runs[i]!;
      payload.value = out;
      const when = ch.def.when;
      if (when !== undefined && !when(payload)) continue;
      ch.check(payload);
      if (payload.issues.length !== 0) {
        payload.issues = [];
        payload.value = undefined;
        return REJECT;
      }
    }
    payload.value = undefined;
    return out;
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
      return compileRecord(schema, forbidden);
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

function compileArray(element: Node): Node {
  return (v) => {
    if (!Array.isArray(v)) return REJECT;
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const item = element(v[i]);
      if (item === REJECT) return REJECT;
      out[i] = item;
    }
    return out;
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

function compileObject(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const def = schema._zod.def;
  const shape = def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length > 0)
    throw new UncompilableSchemaError('symbol keys');
  let strict = false;
  if (def.catchall !== undefined) {
    if (def.catchall._zod.def.type !== 'never')
      throw new UncompilableSchemaError('catchall schema');
    strict = true;
  }
  const keys = Object.keys(shape);
  const fields = keys
    .filter((k) => k !== '__proto__')
    .map((key) => ({
      key,
      run: compileNode(shape[key]!, forbidden),
      presence: presenceOf(shape[key]!),
    }));
  return generateObject(keys, fields, strict, forbidden);
}

/**
 * The object parser as generated code: the shape's keys become literals, so the output is
 * built as one object literal (one hidden class per schema, as zod's own JIT does) and unknown
 * keys are found by a `switch`. The generated text holds only the schema's key names (quoted
 * with JSON.stringify) and field indices; every value test is a compiled closure.
 */
function generateObject(
  keys: readonly string[],
  fields: readonly { key: string; run: Node; presence: Presence }[],
  strict: boolean,
  forbidden: ReadonlySet<string>,
): Node {
  const lit = (k: string) => JSON.stringify(k);
  const lines: string[] = [];
  lines.push(
    "if (typeof input !== 'object' || input === null || Array.isArray(input)) return REJECT;",
  );
  // Unknown keys first: a strict object rejects them; any object rejects a forbidden one.
  const unknown = strict
    ? 'return REJECT;'
    : [...forbidden].map((k) => `if (key === ${lit(k)}) return REJECT;`).join(' ');
  if (unknown !== '') {
    lines.push('for (const key in input) {');
    if (keys.length > 0) {
      lines.push('switch (key) {');
      for (const k of keys) lines.push(`case ${lit(k)}:`);
      lines.push('continue; }');
    }
    lines.push(unknown, '}');
  }
  fields.forEach((f, i) => {
    lines.push(
      `const v${i} = run[${i}](input[${lit(f.key)}]);`,
      `if (v${i} === REJECT) return REJECT;`,
    );
    if (f.presence === Presence.Required)
      lines.push(`if (!(${lit(f.key)} in input)) return REJECT;`);
  });
  // Leading fields that are always written form the literal; from the first conditional one
  // on, each is assigned in shape order, so the output's key order is zod's.
  let split = fields.findIndex(
    (f) => f.presence !== Presence.Required && f.presence !== Presence.Always,
  );
  if (split < 0) split = fields.length;
  const literal = fields
    .slice(0, split)
    .map((f, i) => `${lit(f.key)}: v${i}`)
    .join(', ');
  lines.push(`const out = { ${literal} };`);
  for (let i = split; i < fields.length; i++) {
    const f = fields[i]!;
    const k = lit(f.key);
    if (f.presence === Presence.Required || f.presence === Presence.Always)
      lines.push(`out[${k}] = v${i};`);
    else if (f.presence === Presence.WhenPresent)
      lines.push(`if (${k} in input) out[${k}] = v${i};`);
    else lines.push(`if (v${i} !== undefined || ${k} in input) out[${k}] = v${i};`);
  }
  lines.push('return out;');
  // Generated from the schema's own key names (see above), never from input.
  let make: (reject: typeof REJECT, run: readonly Node[]) => Node;
  try {
    make = new Function(
      'REJECT',
      'run',
      `return function parseObject(input) {\n${lines.join('\n')}\n};`,
    ) as (reject: typeof REJECT, run: readonly Node[]) => Node;
  } catch {
    // Code generation is disallowed (--disallow-code-generation-from-strings): keep zod.
    throw new UncompilableSchemaError('code generation is disallowed');
  }
  return make(
    REJECT,
    fields.map((f) => f.run),
  );
}

function compileRecord(schema: ZodInstance, forbidden: ReadonlySet<string>): Node {
  const def = schema._zod.def;
  const keyType = def.keyType!;
  if (keyType._zod.values !== undefined || def.mode === 'loose')
    throw new UncompilableSchemaError('a record over an enumerable key set');
  const key = compileNode(keyType, forbidden);
  const value = compileNode(def.valueType!, forbidden);
  return (v) => {
    // zod accepts only plain objects here; anything unusual is left to zod.
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REJECT;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return REJECT;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Reflect.ownKeys(input)) {
      if (typeof k !== 'string') return REJECT;
      if (!Object.prototype.propertyIsEnumerable.call(input, k)) continue;
      if (k === '__proto__' || forbidden.has(k)) return REJECT;
      const outKey = key(k);
      if (outKey === REJECT || typeof outKey !== 'string' || forbidden.has(outKey)) return REJECT;
      if (outKey === '__proto__') return REJECT;
      const item = value(input[k]);
      if (item === REJECT) return REJECT;
      out[outKey] = item;
    }
    return out;
  };
}
