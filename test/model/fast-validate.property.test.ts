/**
 * The compiled validators against zod (the reference path), differentially: for random valid
 * records of every kind and random mutations of them (wrong types, bounds, unsafe characters,
 * NFD text, CRLF, unknown and forbidden keys, removed fields, swapped ranges, overlapping
 * sectors, rule sets out of force, attributes…), in schema order or with keys shuffled, the
 * compiled validator accepts exactly when zod accepts, and then returns a record deep-equal to
 * zod's; it adopts the same parts of the input as the reference path does (`adoptInput`), so
 * the two records have the same keys in the same order and serialise identically.
 */
import fc from 'fast-check';
import { describe as suite, expect, it } from 'vitest';
import {
  CHAIN_ROLES,
  COLLATERAL_KINDS,
  INSTITUTION_KINDS,
  INSTRUMENTS,
  INTERACTION_KINDS,
  INVESTOR_KINDS,
  POLICY_LISTS,
  POLICY_TAGS,
  PRODUCT_TYPES,
  PURPOSES,
  RECORD_KINDS,
  SRDI_RULE_SETS,
  ZONE_KINDS,
  type RecordKind,
} from '../../src/model/enums.js';
import { isValidated } from '../../src/model/validated.js';
import { canonicalise } from '../../src/util/canonical.js';
import { BAIL, REJECT, compileValidator } from '../../src/model/fast-validate.js';
import { standaloneValidator } from '../../src/model/standalone-validators.js';
import {
  compiledValidator,
  loadSchemas,
  schemaValidator,
  parseBatch,
  parseRecord,
  safeParseRecord,
  safeParseWithZod,
} from '../../src/model/parse.js';
import { ROUNDS, SRDI_TIERS, STAGES } from '../../src/taxonomy/ladders.js';
import { FIXTURES } from './fixtures.js';

/** Richer valid records than the fixtures: every optional field and attribute set. */
const FULL: Readonly<Record<RecordKind, Record<string, unknown>>> = {
  enterprise: {
    ...FIXTURES.enterprise,
    id: 'ENT-0002',
    srdi: { tier: 'littleGiant', certifiedOn: '2026-05-01', ruleSet: '2026' },
    existingLoans: [
      {
        id: 'LOAN-1',
        lenderId: 'INST-ICBC-SZ',
        amount: 1e6,
        maturity: '2027-01-31',
        renewalWithoutRepayment: true,
      },
    ],
    need: {
      amount: 1e6,
      termMonths: 24,
      instruments: ['loan', 'leasing'],
      purpose: 'rnd',
      maxRatePercent: 4.2,
    },
    chains: [{ chainId: 'CHAIN-IC' }],
    text: 'Line one\r\nline two\rthree\tend',
    attributes: { revLineCr: true, creditGrade: 'A', score: 0.7, 'urban.rural': 'rural' },
  },
  institution: { ...FIXTURES.institution, text: 'cafe\u0301 bank' },
  product: {
    ...FIXTURES.product,
    minYearsOperating: 2,
    minAnnualRevenue: 1e6,
    requiredPolicyLists: ['highTechEnterprise'],
    combinesWith: ['PRD-2'],
    chains: ['CHAIN-IC'],
    zones: ['ZONE-SRDI'],
    text: '产品说明',
  },
  project: {
    ...FIXTURES.project,
    ownerSrdiTier: 'srdi',
    ownerEnterpriseId: 'ENT-0001',
    chains: ['CHAIN-IC'],
    attributes: { stageGate: 'pilot' },
  },
  investor: { ...FIXTURES.investor, investsVia: 'subfund', thesis: 'Deep tech.' },
  interaction: { ...FIXTURES.interaction },
  chain: { ...FIXTURES.chain, productIds: ['PRD-SRDI-LOAN'], text: 'x' },
  zone: { ...FIXTURES.zone, nameEn: 'SRDI zone', productIds: ['PRD-SRDI-LOAN'] },
};

/** Values that exercise every check of the schemas, valid for some fields and not others. */
const INTERESTING: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1,
  0.5,
  1.5,
  5,
  9,
  10,
  99,
  600,
  601,
  1800,
  2100,
  2101,
  1e12,
  1e12 + 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  'a',
  'x'.repeat(129),
  'x'.repeat(201),
  'a b',
  ' a',
  'a ',
  'a\u0000b',
  'a\tb',
  'a\u202Eb',
  'a\u200Bb',
  'a\u200Db',
  'cafe\u0301',
  'café',
  'line\r\nbreak',
  'lone\uD800',
  '\u3000',
  'C3911',
  '3911',
  'c-39.11',
  'C',
  'Z99',
  '0000',
  '320505',
  '32',
  '3205',
  '999999',
  '2026-02-28',
  '2026-02-30',
  '2026-04-01',
  '2026-03-31',
  '2022-01-01',
  '1799-12-31',
  '2026-1-1',
  '2026-01-01T00:00',
  ...STAGES,
  ...SRDI_TIERS,
  ...SRDI_RULE_SETS,
  ...ROUNDS,
  ...INSTRUMENTS,
  ...COLLATERAL_KINDS.slice(0, 3),
  ...POLICY_LISTS.slice(0, 2),
  ...POLICY_TAGS.slice(0, 2),
  ...PRODUCT_TYPES.slice(0, 2),
  ...PURPOSES.slice(0, 2),
  ...INSTITUTION_KINDS.slice(0, 2),
  ...INVESTOR_KINDS.slice(0, 2),
  ...INTERACTION_KINDS.slice(0, 2),
  ...ZONE_KINDS.slice(0, 2),
  ...CHAIN_ROLES,
  'enterprise',
  'product',
  'direct',
  [],
  ['loan'],
  ['credit', 'credit'],
  ['C'],
  ['C3911', '3911'],
  ['32'],
  [1],
  {},
  { min: 1, max: 2 },
  { min: 2, max: 1 },
  { min: 5e6, max: 5e7 },
  { tier: 'srdi' },
  { tier: 'srdi', certifiedOn: '2026-03-01', ruleSet: '2026' },
  { chainId: 'C1', role: 'leader' },
  { required: ['credit'] },
  { amount: 1, maturity: '2026-01-01' },
  { revLineCr: true },
  { '9bad': 1 },
  Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])),
  JSON.parse('{"__proto__": 1}') as unknown,
  { constructor: 'x' },
];

/** Every path (as keys) of objects and arrays inside `value`, the root included. */
function containers(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const out = [path];
  for (const [k, v] of Object.entries(value))
    out.push(...containers(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return out;
}

function at(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Known field names of every schema: mutations add and remove them. */
const FIELD_NAMES = [
  ...new Set(Object.values(FULL).flatMap((r) => containers(r).flatMap((p) => keysOf(at(r, p))))),
  'unknownField',
  'colateral',
  'constructor',
  'prototype',
];

function keysOf(v: unknown): string[] {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
}

type Mutation = { pick: number; key: number; value: number; op: 'set' | 'delete' | 'add' };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  key: fc.nat(),
  value: fc.nat(),
  op: fc.constantFrom('set', 'set', 'delete', 'add'),
});

/** `record` with each mutation applied at a random container. */
function mutate(record: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(record);
  for (const m of mutations) {
    const places = containers(copy);
    const target = at(copy, places[m.pick % places.length]!) as Record<string | number, unknown>;
    const value = structuredClone(INTERESTING[m.value % INTERESTING.length]);
    if (Array.isArray(target)) {
      const i = m.key % (target.length + 1);
      if (m.op === 'delete') target.splice(i, 1);
      else target[i] = value;
      continue;
    }
    const own = Object.keys(target);
    if (m.op === 'add' || own.length === 0) {
      const key = FIELD_NAMES[m.key % FIELD_NAMES.length]!;
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else {
      const key = own[m.key % own.length]!;
      if (m.op === 'delete') delete target[key];
      else target[key] = value;
    }
  }
  return copy;
}

/** `value` with every object's keys in an order drawn from `seed`, at every depth (a new value). */
function shuffledKeys(value: unknown, seed: number): unknown {
  let state = seed;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Object.fromEntries(keys.map((k) => [k, walk((v as Record<string, unknown>)[k])]));
  };
  return walk(value);
}

/** Keys of every object in `value`, in order, as one list (deep-equal ignores key order). */
function keyOrder(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value);
  return [`{${entries.map(([k]) => k).join(',')}}`, ...entries.flatMap(([, v]) => keyOrder(v))];
}

function describe(input: unknown): string {
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return 'an unreadable input';
  }
}

/** The closure form of every kind's validator, beside the generated one parse uses. */
const closures = new Map<RecordKind, (value: unknown) => unknown>();
function closureValidator(kind: RecordKind): (value: unknown) => unknown {
  let v = closures.get(kind);
  if (!v) {
    v = compileValidator(loadSchemas().schemas[kind], {
      form: 'closures',
      forbiddenKeys: new Set(['__proto__', 'constructor', 'prototype']),
    })!;
    closures.set(kind, v);
  }
  return v;
}

/** A fresh copy of zod's record of the full enterprise: canonical in every respect. */
function canonicalEnterprise(): Record<string, unknown> {
  const parsed = safeParseWithZod('enterprise', FULL.enterprise);
  if (!parsed.ok) throw new Error('the full enterprise fixture is invalid');
  return structuredClone(parsed.record) as unknown as Record<string, unknown>;
}

function run(validator: (value: unknown) => unknown, input: unknown): unknown {
  try {
    return validator(input);
  } catch {
    return REJECT;
  }
}

/** How often the standalone validator decided an input itself (not {@link BAIL}), by answer. */
const standaloneDecided = { accepted: 0, rejected: 0, bailed: 0 };

function expectSameAnswer(kind: RecordKind, input: unknown): boolean {
  const reference = safeParseWithZod(kind, input, { locale: 'en' });
  for (const [form, validator] of [
    // What parse uses: the standalone validator, the schema's where it bails.
    ['parse', compiledValidator(kind)!],
    ['generated', schemaValidator(kind)!],
    ['closures', closureValidator(kind)],
    // Written ahead of time: where it decides, it agrees (checked below like the others).
    ['standalone', standaloneValidator(kind)!],
  ] as const) {
    const out = run(validator, input);
    if (form === 'standalone') {
      if (out === BAIL) {
        standaloneDecided.bailed++;
        continue;
      }
      standaloneDecided[out === REJECT ? 'rejected' : 'accepted']++;
    }
    expect(out !== REJECT, `${form}: ${describe(input)}`).toBe(reference.ok);
    if (reference.ok) {
      // zod's own record, before the reference path adopts from it: the values to agree on.
      const zod = loadSchemas().schemas[kind].safeParse(input);
      expect(zod.success).toBe(true);
      expect(out).toStrictEqual(zod.data);
      expect(out).toStrictEqual(reference.record);
      // Both paths adopt the same parts (the input itself exactly when the other does).
      expect(out === input, `${form}: adopted`).toBe(reference.record === input);
      expect(keyOrder(out)).toEqual(keyOrder(reference.record));
      // Adopted or copied, the record serialises exactly as zod's does.
      expect(JSON.stringify(out)).toBe(JSON.stringify(reference.record));
      // zod's output is canonical: given back, it is adopted (returned itself, no copy) — by
      // the standalone validator too, which decides every canonical record itself.
      const canonical = structuredClone(reference.record);
      expect(run(validator, canonical), `${form}: canonical input adopted`).toBe(canonical);
    }
  }
  return reference.ok;
}

suite('compiled validators', () => {
  it('compile for every record kind (no kind falls back to zod)', () => {
    for (const kind of RECORD_KINDS) {
      // The schema's validator is the generated form (a function named `validate`, written by
      // new Function); parse tries the standalone one first.
      expect(schemaValidator(kind)?.name, kind).toBe('validate');
      expect(standaloneValidator(kind), kind).toBeTypeOf('function');
      expect(compiledValidator(kind), kind).toBeTypeOf('function');
      expect(closureValidator(kind), kind).toBeTypeOf('function');
    }
  });

  it('accept the valid fixtures and return what zod returns', () => {
    for (const kind of RECORD_KINDS) {
      expect(expectSameAnswer(kind, FIXTURES[kind]), kind).toBe(true);
      expect(expectSameAnswer(kind, FULL[kind]), `${kind} (full)`).toBe(true);
    }
  });

  it('accept exactly what zod accepts, with a deep-equal record (random mutations)', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...RECORD_KINDS),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
        fc.array(mutationArb, { minLength: 0, maxLength: 4 }),
        (kind, full, shuffle, mutations) => {
          // The fixture in schema order or with its keys shuffled at every depth, then mutated.
          const base = (full ? FULL : FIXTURES)[kind];
          const input = mutate(
            shuffle === undefined ? base : (shuffledKeys(base, shuffle) as typeof base),
            mutations,
          );
          if (expectSameAnswer(kind, input)) accepted++;
          else rejected++;
        },
      ),
      { numRuns: 4000 },
    );
    // Both sides of the boundary are exercised, and the standalone validator decides on both.
    expect(accepted).toBeGreaterThan(400);
    expect(rejected).toBeGreaterThan(400);
    expect(standaloneDecided.accepted).toBeGreaterThan(100);
    expect(standaloneDecided.rejected).toBeGreaterThan(100);
  });

  it('adopt a record with nothing to change whatever its key order, on both paths (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RECORD_KINDS),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (kind, full, seed) => {
          const parsed = safeParseWithZod(kind, (full ? FULL : FIXTURES)[kind]);
          if (!parsed.ok) throw new Error(`the ${kind} fixture is invalid`);
          // zod's record, each object's keys in a random order (its values unchanged).
          const input = shuffledKeys(parsed.record, seed);
          for (const [form, validator] of [
            ['generated', compiledValidator(kind)!],
            ['closures', closureValidator(kind)],
          ] as const)
            expect(run(validator, input), `${form}: ${describe(input)}`).toBe(input);
          const reference = safeParseWithZod(kind, input);
          expect(reference.ok && reference.record).toBe(input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reject what is not a record, and inputs whose getters throw, like zod', () => {
    const hostile = Object.defineProperty({ ...FIXTURES.enterprise }, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const input of [null, undefined, 1, 'x', [], [FIXTURES.enterprise], hostile])
      expect(expectSameAnswer('enterprise', input)).toBe(false);
    expect(safeParseRecord('enterprise', hostile).ok).toBe(false);
  });

  it('accept records built with a null prototype or inherited keys as zod does', () => {
    const bare = Object.assign(Object.create(null) as object, structuredClone(FULL.enterprise));
    expect(expectSameAnswer('enterprise', bare)).toBe(true);
    const attributes = Object.assign(Object.create(null) as object, { grade: 'A' });
    expect(expectSameAnswer('enterprise', { ...FIXTURES.enterprise, attributes })).toBe(true);
    const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
    Object.assign(inherited, FIXTURES.enterprise);
    expect(expectSameAnswer('enterprise', inherited)).toBe(false);
  });

  it('leave error reporting to zod: issues are identical with and without the fast path', () => {
    const bad = { ...FIXTURES.product, amount: { min: 5, max: 1 }, colateral: [] };
    const viaParse = safeParseRecord('product', bad, { locale: 'en' });
    const viaZod = safeParseWithZod('product', bad, { locale: 'en' });
    expect(viaParse.ok).toBe(false);
    expect(viaParse).toEqual(viaZod);
    expect(() => parseRecord('product', bad)).toThrow();
  });

  it('give batches the same records and errors as the reference path', () => {
    const values = [FIXTURES.enterprise, FULL.enterprise, { ...FIXTURES.enterprise, id: ' x' }];
    const batch = parseBatch('enterprise', values, { locale: 'en' });
    expect(batch.records).toStrictEqual(
      values.flatMap((v) => {
        const r = safeParseWithZod('enterprise', v, { locale: 'en' });
        return r.ok ? [r.record] : [];
      }),
    );
    expect(batch.errors.map((e) => e.issues)).toEqual([
      (safeParseWithZod('enterprise', values[2], { locale: 'en' }) as { issues: unknown[] }).issues,
    ]);
  });

  it('adopt an input with nothing to change (no copy), in any key order, and copy one zod would change', () => {
    // zod's record of canonical: every default filled, canonical codes, shape key order.
    const canonical = canonicalEnterprise();
    const copied: [string, unknown][] = [
      ['a defaulted field missing', { ...canonical, collateral: undefined }],
      ['a name in NFD', { ...canonical, name: 'Cafe\u0301 有限公司' }],
      ['a sector code written loosely', { ...canonical, sector: 'c3911' }],
      [
        'a non-enumerable field',
        Object.defineProperty({ ...canonical, text: undefined }, 'text', {
          value: 'x',
          enumerable: false,
        }),
      ],
      ['a class instance', Object.assign(new (class Record {})(), canonical)],
      // A list is copied from the first element zod changes on: the elements before it too.
      [
        'a list whose second element zod changes',
        {
          ...canonical,
          chains: [
            { chainId: 'CHAIN-IC', role: 'supplier' },
            { role: 'core', chainId: 'CHAIN-EV' },
            { chainId: 'CHAIN-AI', role: 'member' },
          ],
        },
      ],
      [
        'a list missing a default in its first element',
        { ...canonical, chains: [{ chainId: 'CHAIN-IC' }] },
      ],
      [
        'a list of another class',
        { ...canonical, zones: Object.assign(new (class List extends Array {})(), ['ZONE-SRDI']) },
      ],
      ['a null prototype', Object.assign(Object.create(null) as object, canonical)],
    ];
    for (const [form, validator] of [
      ['generated', compiledValidator('enterprise')!],
      ['closures', closureValidator('enterprise')],
    ] as const) {
      expect(validator(canonical), form).toBe(canonical);
      for (const [what, input] of copied) {
        const reference = safeParseWithZod('enterprise', input);
        const out = validator(input);
        if (!reference.ok) {
          expect(out, `${form}: ${what}`).toBe(REJECT);
          continue;
        }
        expect(out, `${form}: ${what}`).not.toBe(input);
        expect(JSON.stringify(out), `${form}: ${what}`).toBe(JSON.stringify(reference.record));
      }
      // A list whose elements are all canonical is adopted inside an adopted record.
      const listed = { ...canonical, zones: ['ZONE-SRDI', 'ZONE-AI', 'ZONE-EV'] };
      const zones = listed.zones;
      const adopted = validator(listed) as Record<string, unknown>;
      expect(adopted, `${form}: a canonical list`).toBe(listed);
      expect(adopted.zones).toBe(zones);
      // Keys in another order at every depth (fastjson writes them sorted): adopted, the
      // caller's order kept; the reference path returns the same object.
      const sorted = canonicalise(canonical) as Record<string, unknown>;
      expect(Object.keys(sorted)).not.toEqual(Object.keys(canonical));
      expect(validator(sorted), `${form}: keys sorted`).toBe(sorted);
      const viaZod = safeParseWithZod('enterprise', sorted);
      expect(viaZod.ok && viaZod.record, `${form}: keys sorted, reference path`).toBe(sorted);
      // A nested object zod leaves as it is is adopted inside a copied record, whatever its
      // key order, by both paths.
      const need = canonicalise(canonical.need);
      const loose = { ...canonical, sector: 'c3911', need } as Record<string, unknown>;
      const out = validator(loose) as Record<string, unknown>;
      expect(out).not.toBe(loose);
      expect(out.need, form).toBe(need);
      const reference = safeParseWithZod('enterprise', loose);
      expect(reference.ok && (reference.record as unknown as Record<string, unknown>).need).toBe(
        need,
      );
      expect(JSON.stringify(out)).toBe(JSON.stringify(reference.ok && reference.record));
    }
  });

  it('do not remember an adopted input as validated: changed afterwards, it is checked again', () => {
    const input = canonicalEnterprise();
    expect(parseRecord('enterprise', input)).toBe(input);
    input.employees = -1;
    expect(safeParseRecord('enterprise', input).ok).toBe(false);
    // A copy holding the caller's nested objects is not remembered either; given again, it is
    // validated again and adopted (it is canonical now).
    const loose = { ...canonicalEnterprise(), sector: 'c3911' };
    const copy = parseRecord('enterprise', loose);
    expect(copy).not.toBe(loose);
    expect(isValidated('enterprise', copy)).toBe(false);
    expect(parseRecord('enterprise', copy)).toBe(copy);
  });

  it('do not remember a copy that holds an object of the caller: changed afterwards, it is checked again', () => {
    const canonical = canonicalEnterprise();
    // The name is normalised (a copy), the need's keys reversed (adopted inside the copy).
    const need = Object.fromEntries(Object.entries(canonical.need as object).reverse());
    for (const viaZod of [false, true]) {
      const input = { ...canonical, name: 'Cafe\u0301 有限公司', need: { ...need } };
      const parsed = viaZod
        ? safeParseWithZod('enterprise', input)
        : safeParseRecord('enterprise', input);
      if (!parsed.ok) throw new Error('the record is valid');
      const record = parsed.record as unknown as Record<string, unknown>;
      expect(record).not.toBe(input);
      expect(record.need).toBe(input.need);
      (input.need as Record<string, unknown>).amount = -1;
      expect(safeParseRecord('enterprise', record).ok, `via zod: ${viaZod}`).toBe(false);
    }
    // The reference path's adopted record is not remembered either.
    const adopted = canonicalEnterprise();
    const viaZod = safeParseWithZod('enterprise', adopted);
    expect(viaZod.ok && viaZod.record).toBe(adopted);
    adopted.employees = -1;
    expect(safeParseRecord('enterprise', adopted).ok).toBe(false);
  });

  it('adopt attributes holding a non-enumerable key, on both paths, whatever the key order', () => {
    const canonical = canonicalEnterprise();
    const attributes = { grade: 'A', score: 1 };
    Object.defineProperty(attributes, 'hidden', { value: 'x', enumerable: false });
    const input = Object.fromEntries(
      Object.entries({ ...canonical, attributes }).reverse(),
    ) as Record<string, unknown>;
    const reference = safeParseWithZod('enterprise', input);
    expect(reference.ok && reference.record).toBe(input);
    for (const [form, validator] of [
      ['generated', compiledValidator('enterprise')!],
      ['closures', closureValidator('enterprise')],
    ] as const) {
      expect(validator(input), form).toBe(input);
      expect(JSON.stringify(validator(input))).toBe(
        JSON.stringify(reference.ok && reference.record),
      );
    }
  });

  it('say when a schema cannot be compiled (the caller keeps zod)', () => {
    const { z } = loadSchemas();
    expect(compileValidator(z.object({ a: z.string() }).catchall(z.number()))).toBeUndefined();
    expect(compileValidator(z.lazy(() => z.string()))).toBeUndefined();
    expect(compileValidator(z.object({ a: z.string() }))).toBeTypeOf('function');
  });
});

suite('sure-pass tests in the generated validator', () => {
  const { z } = loadSchemas();
  /** Both compiled forms and zod give the same verdict and output on `value`. */
  const agree = (schema: Parameters<typeof compileValidator>[0], value: unknown) => {
    const zod = schema.safeParse(value);
    const expected = zod.success ? zod.data : REJECT;
    for (const form of ['generated', 'closures'] as const) {
      const got = compileValidator(schema, { form })!(value);
      expect(got, `${form} on ${JSON.stringify(value)}`).toEqual(expected);
    }
  };
  // Strings near the bounds, in UTF-16 units and in code points (astral characters are two
  // units and one code point: a conservative length test must not decide for zod).
  const text = fc
    .array(fc.constantFrom('a', 'b', ' ', '中', '😀', '\u0301', '\u0000'), {
      maxLength: 9,
    })
    .map((cs) => cs.join(''));

  it('length bounds: strings and arrays at and across min, max and exact lengths', () => {
    const schemas = [
      z.string().min(1),
      z.string().min(3).max(5),
      z.string().length(4),
      z.array(z.string()).min(2).max(4),
      z.array(z.number()).length(3),
    ];
    fc.assert(
      fc.property(fc.oneof(text, fc.array(fc.oneof(text, fc.integer()), { maxLength: 6 })), (v) => {
        for (const schema of schemas) agree(schema, v);
      }),
      { numRuns: 400 },
    );
  });

  it('number bounds and formats: inclusive and exclusive, integers, safe range', () => {
    const schemas = [
      z.number().min(0).max(10),
      z.number().gt(-1.5).lt(2.5),
      z.number().int().min(-3).max(3),
      z.number().int(),
      z.number().positive(),
    ];
    const edge = fc.constantFrom(
      0,
      -0,
      10,
      10.000001,
      -1.5,
      2.5,
      -3,
      3,
      3.5,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      -Number.MAX_SAFE_INTEGER - 2,
      Infinity,
      NaN,
    );
    fc.assert(
      fc.property(fc.oneof(edge, fc.double(), fc.integer()), (v) => {
        for (const schema of schemas) agree(schema, v);
      }),
      { numRuns: 400 },
    );
  });

  it('regexes (global and sticky ones too) and refines whose predicate returns truthy non-booleans', () => {
    const global = /a+/g;
    const schemas = [
      z.string().regex(/^[a-b]+$/),
      z.string().regex(global),
      // A sticky regex matches at lastIndex only: a lastIndex left by the previous value must
      // not decide for this one.
      z.string().regex(/a/y),
      z.string().regex(/b+/gy),
      z.string().refine((v) => v.length, { message: 'empty' }),
      z.string().refine((v) => v.includes('a')),
    ];
    fc.assert(
      fc.property(text, (v) => {
        for (const schema of schemas) agree(schema, v);
      }),
      { numRuns: 400 },
    );
  });

  it('a sticky regex is tested from the start of each value, whatever the last value left', () => {
    for (const form of ['generated', 'closures'] as const) {
      const validate = compileValidator(z.string().regex(/a/y), { form })!;
      // A match leaves lastIndex at 1; "ba" matches from there but not from the start.
      expect(validate('a')).toBe('a');
      expect(validate('ba')).toBe(REJECT);
      expect(validate('aa')).toBe('aa');
      expect(validate('ba')).toBe(REJECT);
    }
  });

  it("a refine's predicate runs only where its `when` lets the check run", () => {
    const needsA = z.object({ a: z.string().optional() }).refine((v) => v.a!.length > 0, {
      when: (p) => typeof (p.value as { a?: unknown }).a === 'string',
    });
    for (const value of [{}, { a: '' }, { a: 'x' }, { a: 1 }]) agree(needsA, value);
  });

  it('a declared sure-pass test skips the check or transform only where it passes', async () => {
    const { acceptWhen } = await import('../../src/model/fast-validate.js');
    let checked = 0;
    let transformed = 0;
    const check = acceptWhen(
      z.superRefine((v: string, ctx) => {
        checked++;
        if (v.includes('x')) ctx.addIssue({ code: 'custom', message: 'x' });
      }),
      (v: string) => /^[ab]*$/.test(v),
    );
    const upper = acceptWhen(
      z.transform((v: string) => {
        transformed++;
        return v.toUpperCase();
      }),
      (v: string) => v === v.toUpperCase(),
    );
    const schema = z.string().check(check).pipe(upper);
    const validate = compileValidator(schema)!;
    expect(validate('ab')).toBe('AB');
    expect([checked, transformed]).toEqual([0, 1]);
    expect(validate('x')).toBe(REJECT);
    expect(checked).toBe(1);
    expect(validate('cc')).toBe('CC');
    expect(validate('')).toBe('');
    expect([checked, transformed]).toEqual([2, 2]);
    fc.assert(
      fc.property(text, (v) => agree(schema, v)),
      { numRuns: 200 },
    );
  });
});

suite('objects nested in a record, each a generated function of its own', () => {
  const { z } = loadSchemas();
  const leaf = z.object({ n: z.number().int().min(0), s: z.string().max(3).optional() });
  const middle = z.object({
    leaf,
    leaves: z.array(leaf).max(3),
    maybe: leaf.optional(),
    fallback: leaf.default({ n: 0 }),
  });
  // Objects at every depth, under every wrapper; roots that are not objects.
  const schemas = {
    'three levels': z.object({ id: z.string(), middle }),
    'array of objects in a nested object': z.object({ inner: z.object({ list: z.array(leaf) }) }),
    'pipe around a nested object': z.object({
      p: leaf.pipe(z.object({ n: z.number(), s: z.string().optional() })),
    }),
    'union of objects holding objects': z.object({
      u: z.union([z.object({ a: leaf }), z.object({ b: middle })]),
    }),
    'strict nested object': z.object({ s: z.strictObject({ n: z.number() }) }),
    'array root': z.array(z.object({ o: leaf })),
    'pipe root': z.object({ o: leaf }).pipe(z.object({ o: leaf })),
  };
  const leafValue = fc.record(
    {
      n: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(1.5), fc.constant('1')),
      s: fc.constantFrom('a', 'abcd', 7),
      extra: fc.constant(true),
    },
    { requiredKeys: [] },
  );
  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafValue,
      fc.array(tie('any'), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('id', 'middle', 'leaf', 'leaves', 'maybe', 'fallback', 'inner', 'list'),
        tie('any'),
        { maxKeys: 4 },
      ),
      fc.dictionary(fc.constantFrom('p', 'u', 'a', 'b', 's', 'o', 'n'), tie('any'), { maxKeys: 3 }),
      fc.constantFrom('x', 0, null, undefined),
    ),
  })).any;
  /** A value each schema accepts: built, not drawn (random values are nearly all rejected). */
  const validLeaf = fc.record(
    { n: fc.integer({ min: 0, max: 9 }), s: fc.constantFrom('', 'ab', '中文') },
    { requiredKeys: ['n'] },
  );
  const validMiddle = fc.record(
    {
      leaf: validLeaf,
      leaves: fc.array(validLeaf, { maxLength: 3 }),
      maybe: validLeaf,
      fallback: validLeaf,
    },
    { requiredKeys: ['leaf', 'leaves'] },
  );

  /** The generated form, zod and the closures agree; zod's own output given back is adopted. */
  const agreeAndAdopt = (schema: Parameters<typeof compileValidator>[0], input: unknown) => {
    const zod = schema.safeParse(input);
    for (const form of ['generated', 'closures'] as const) {
      const validate = compileValidator(schema, { form })!;
      const got = validate(input);
      expect(got, `${form} on ${JSON.stringify(input)}`).toEqual(zod.success ? zod.data : REJECT);
      if (zod.success) {
        const canonical = structuredClone(zod.data);
        expect(validate(canonical), `${form}: canonical input adopted`).toBe(canonical);
      }
    }
  };

  it('agree with zod on any value, valid or not, at every depth and under every wrapper', () => {
    fc.assert(
      fc.property(value, (v) => {
        for (const schema of Object.values(schemas)) agreeAndAdopt(schema, v);
      }),
      { numRuns: 500 },
    );
  });

  it('agree with zod on valid records, and on each with one nested field broken', () => {
    const three = schemas['three levels'];
    const breakings: ((m: Record<string, unknown>) => void)[] = [
      (m) => ((m.leaf as Record<string, unknown>).n = -1),
      (m) => ((m.leaf as Record<string, unknown>).s = 'toolong'),
      (m) => (m.leaves = [{ n: 1 }, { n: 'x' }]),
      (m) => (m.maybe = { s: 'a' }),
      (m) => (m.fallback = null),
    ];
    fc.assert(
      fc.property(validMiddle, fc.nat(breakings.length), (middleValue, b) => {
        const record = { id: 'ent-1', middle: middleValue };
        agreeAndAdopt(three, record);
        const broken = structuredClone(record);
        breakings[b]?.(broken.middle as Record<string, unknown>);
        agreeAndAdopt(three, broken);
      }),
      { numRuns: 300 },
    );
  });

  it("a nested object's own check runs once per parse, after its fields, in the parent", () => {
    let calls = 0;
    const checked = z.object({ a: z.number(), b: z.number() }).superRefine((v, ctx) => {
      calls++;
      if (v.a > v.b) ctx.addIssue({ code: 'custom', message: 'a > b' });
    });
    const schema = z.object({ range: checked, list: z.array(checked) });
    const validate = compileValidator(schema)!;
    calls = 0;
    const ok = { range: { a: 1, b: 2 }, list: [{ a: 0, b: 0 }] };
    expect(validate(ok)).toBe(ok);
    expect(calls).toBe(2);
    // A field of the nested object failing: the check does not run for it.
    calls = 0;
    expect(validate({ range: { a: 'x', b: 2 }, list: [] })).toBe(REJECT);
    expect(calls).toBe(0);
  });

  it('a failure inside a nested function leaves nothing behind for the next record', () => {
    const schema = schemas['three levels'];
    const validate = compileValidator(schema)!;
    const good = {
      id: 'ent-1',
      middle: { leaf: { n: 1, s: 'ab' }, leaves: [], fallback: { n: 0 } },
    };
    // The string check fails inside the leaf's function (its check called on the payload)…
    expect(validate({ ...good, middle: { ...good.middle, leaf: { n: 1, s: 'abcd' } } })).toBe(
      REJECT,
    );
    // …and the next record is validated and adopted as if it had been the first.
    expect(validate(good)).toBe(good);
    expect(validate({ ...good, middle: { ...good.middle, leaves: [{ n: -2 }] } })).toBe(REJECT);
    expect(validate(good)).toBe(good);
  });
});
