import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import {
  COLLATERAL_KINDS,
  INSTRUMENTS,
  POLICY_LISTS,
  PURPOSES,
  RECORD_KINDS,
} from '../../src/model/enums.js';
import { LIMITS } from '../../src/model/limits.js';
import { parseBatch, parseEnterprise, parseRecord } from '../../src/model/parse.js';
import { allSectors } from '../../src/taxonomy/sectors.js';
import { PROVINCES } from '../../src/taxonomy/regions.js';
import { SRDI_TIERS, STAGES } from '../../src/taxonomy/ladders.js';
import { FIXTURES, withValue } from './fixtures.js';

const sectorCodes = allSectors().map((n) => n.code);
const day = fc
  .tuple(
    fc.integer({ min: 2000, max: 2030 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const amount = fc.double({ min: 1, max: LIMITS.amount, noNaN: true, noDefaultInfinity: true });
const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);

/** Any valid enterprise; sector codes in bare or prefixed spelling. */
const enterpriseArb = fc.record({
  id: idArb,
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s)),
  sector: fc
    .tuple(fc.constantFrom(...sectorCodes), fc.boolean())
    .map(([code, bare]) => (bare && code.length > 1 ? code.slice(1) : code.toLowerCase())),
  region: fc.constantFrom(...Object.keys(PROVINCES)).map((p) => `${p}0100`),
  stage: fc.constantFrom(...STAGES),
  srdi: fc.record({ tier: fc.constantFrom(...SRDI_TIERS), certifiedOn: day }),
  foundedYear: fc.integer({ min: LIMITS.minFoundedYear, max: LIMITS.maxFoundedYear }),
  employees: fc.integer({ min: 0, max: 100_000 }),
  annualRevenue: fc.double({ min: 0, max: LIMITS.amount, noNaN: true, noDefaultInfinity: true }),
  rdIntensity: fc.double({ min: 0, max: 1, noNaN: true }),
  debtRatio: fc.double({ min: 0, max: 5, noNaN: true }),
  collateral: fc.uniqueArray(fc.constantFrom(...COLLATERAL_KINDS)),
  policyLists: fc.uniqueArray(fc.constantFrom(...POLICY_LISTS)),
  existingLoans: fc.array(fc.record({ amount, maturity: day }), { maxLength: 3 }),
  need: fc.record({
    amount,
    termMonths: fc.integer({ min: 1, max: LIMITS.termMonths }),
    instruments: fc.uniqueArray(fc.constantFrom(...INSTRUMENTS), { minLength: 1 }),
    purpose: fc.constantFrom(...PURPOSES),
  }),
});

/** Values that are wrong for every field of the enterprise schema. */
const badValue = fc.constantFrom<unknown>(
  null,
  'NaN',
  '1e999',
  '',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1e20,
  { nested: true },
  [null],
  true,
);

/** Paths of the leaf fields of the enterprise fixture that any bad value breaks. */
const MUTABLE_PATHS = [
  'id',
  'name',
  'sector',
  'region',
  'stage',
  'srdi.tier',
  'srdi.certifiedOn',
  'foundedYear',
  'employees',
  'annualRevenue',
  'rdIntensity',
  'debtRatio',
  'collateral[0]',
  'chains[0].chainId',
  'zones[0]',
  'policyLists[0]',
  'existingLoans[0].amount',
  'existingLoans[0].maturity',
  'need.amount',
  'need.termMonths',
  'need.instruments[0]',
  'need.purpose',
];

/** Fields that accept any non-empty string. */
const FREE_STRING_PATHS = new Set(['id', 'name', 'chains[0].chainId', 'zones[0]']);

describe('enterprise properties', () => {
  it('every valid enterprise parses, with a canonical sector', () => {
    fc.assert(
      fc.property(enterpriseArb, (e) => {
        const parsed = parseEnterprise(e);
        expect(sectorCodes).toContain(parsed.sector);
        expect(parsed.need.instruments).toEqual(e.need.instruments);
      }),
      { numRuns: 300 },
    );
  });

  it('any single-field mutation yields an issue at that path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MUTABLE_PATHS), badValue, (path, value) => {
        // "NaN" and "1e999" are fine ids and names: free-text fields only reject non-strings.
        fc.pre(!(FREE_STRING_PATHS.has(path) && typeof value === 'string' && value !== ''));
        const mutated = withValue(FIXTURES.enterprise, path, value);
        try {
          parseEnterprise(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          const paths = (error as ValidationError).issues.map((i) => i.path);
          expect(paths).toContain(path);
          return;
        }
        throw new Error(`mutation of ${path} to ${String(value)} was accepted`);
      }),
      { numRuns: 400 },
    );
  });

  it('parsing is deterministic and idempotent on its output', () => {
    fc.assert(
      fc.property(enterpriseArb, (e) => {
        const once = parseEnterprise(e);
        expect(parseEnterprise(e)).toEqual(once);
        expect(parseEnterprise(once)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parse* only ever throws ValidationError', () => {
  it('on arbitrary JSON values for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_KINDS), fc.jsonValue(), (kind, value) => {
        try {
          parseRecord(kind, value);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary anything, including objects with prototype keys', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RECORD_KINDS),
        fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }),
        (kind, value) => {
          try {
            parseRecord(kind, value);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on the fixture with one field replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MUTABLE_PATHS), fc.jsonValue(), (path, value) => {
        try {
          parseEnterprise(withValue(FIXTURES.enterprise, path, value));
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('batch properties', () => {
  it('records + errors partition the input; good records keep their order', () => {
    const item = fc.oneof(
      idArb.map((id) => ({ ...FIXTURES.zone, id })),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (values) => {
        const { records, errors } = parseBatch('zone', values);
        expect(records.length + errors.length).toBe(values.length);
        const errorIndices = new Set(errors.map((e) => e.index));
        const kept = values.filter((_, i) => !errorIndices.has(i)) as { id: string }[];
        expect(records.map((r) => r.id)).toEqual(kept.map((v) => v.id));
        expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
        for (const e of errors) expect(e.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('batch duplicate ids', () => {
  // parseBatch skips its id map while ids ascend (see IdRegister in parse.ts): whatever the
  // order — sorted, sorted then not, random, with repeats — every repeat after the first is
  // reported against the first occurrence's index or line, exactly as a map from the start would.
  const zone = (id: string) => ({ id, name: `专区 ${id}`, kind: 'srdi' });
  it('reports the same repeats as a map of every id, in any order', () => {
    const order = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
      fc
        .array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 })
        .map((xs) => [...xs].sort((a, b) => a - b)),
      fc
        .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), fc.nat(40))
        .map(([xs, cut]) => {
          const sorted = [...xs].sort((a, b) => a - b);
          return [...sorted, ...sorted.slice(0, cut % (sorted.length + 1)).reverse()];
        }),
    );
    fc.assert(
      fc.property(order, fc.boolean(), (xs, withLines) => {
        const ids = xs.map((x) => `z-${String(x).padStart(2, '0')}`);
        const lines = withLines ? ids.map((_, i) => 100 + i) : undefined;
        const { records, errors } = parseBatch(
          'zone',
          ids.map(zone),
          lines ? { lines, locale: 'en' } : { locale: 'en' },
        );
        const first = new Map<string, number>();
        const expectedRepeats: { index: number; first: number }[] = [];
        ids.forEach((id, index) => {
          const at = first.get(id);
          if (at === undefined) first.set(id, lines ? lines[index]! : index);
          else expectedRepeats.push({ index, first: at });
        });
        expect(records.map((r) => r.id)).toEqual([...first.keys()]);
        expect(errors.map((e) => e.index)).toEqual(expectedRepeats.map((r) => r.index));
        errors.forEach((e, i) => {
          expect(e.issues[0]).toMatchObject({ code: 'duplicate_id', path: 'id' });
          const where = lines
            ? `line ${expectedRepeats[i]!.first}`
            : `index ${expectedRepeats[i]!.first}`;
          expect(e.issues[0]!.message).toContain(where);
        });
      }),
      { numRuns: 300 },
    );
  });
});
