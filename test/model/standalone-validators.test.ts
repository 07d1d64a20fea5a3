/**
 * The standalone validators (written ahead of time, no zod): the shipped data module is the one
 * the schemas give (this file's file snapshot: `npx vitest run
 * test/model/standalone-validators.test.ts -u` rewrites it after a schema change), every record
 * kind has one, and each decides the valid fixtures itself.
 */
import { format, resolveConfig } from 'prettier';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS, type RecordKind } from '../../src/model/enums.js';
import {
  acceptWhen,
  BAIL,
  standaloneSource,
  type StandaloneSource,
} from '../../src/model/fast-validate.js';
import { predicate } from '../../src/model/predicates.js';
import { FORBIDDEN_KEYS, loadSchemas, schemaValidator } from '../../src/model/parse.js';
import { standaloneFrom, standaloneValidator } from '../../src/model/standalone-validators.js';
import { STANDALONE_SOURCES } from '../../src/model/standalone-validators.data.js';
import { FIXTURES } from './fixtures.js';

const DATA_MODULE = '../../src/model/standalone-validators.data.ts';

/** The data module's text for `sources`, as prettier writes it. */
async function dataModule(sources: Partial<Record<RecordKind, StandaloneSource>>) {
  const text = [
    '/**',
    ' * Generated from the record schemas by test/model/standalone-validators.test.ts (a file',
    ' * snapshot: `npx vitest run test/model/standalone-validators.test.ts -u` rewrites it). See',
    ' * standalone-validators.ts.',
    ' *',
    ' * @module',
    ' */',
    "import type { RecordKind } from './enums.js';",
    "import type { StandaloneSource } from './fast-validate.js';",
    '',
    '/** The standalone validator of each record kind, as data. */',
    `export const STANDALONE_SOURCES: Partial<Record<RecordKind, StandaloneSource>> = ${JSON.stringify(sources)};`,
    '',
  ].join('\n');
  const path = fileURLToPath(new URL(DATA_MODULE, import.meta.url));
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

const schemas = loadSchemas().schemas;
const derived: Partial<Record<RecordKind, StandaloneSource>> = {};
for (const kind of RECORD_KINDS) {
  const source = standaloneSource(schemas[kind], FORBIDDEN_KEYS);
  if (source) derived[kind] = source;
}

describe('standalone validators', () => {
  it('are the ones the schemas give (the shipped data module is up to date)', async () => {
    await expect(await dataModule(derived)).toMatchFileSnapshot(DATA_MODULE);
    expect(STANDALONE_SOURCES).toEqual(derived);
  });

  it('exist for every record kind', () => {
    for (const kind of RECORD_KINDS) expect(standaloneValidator(kind), kind).toBeTypeOf('function');
  });

  it('decide canonical records themselves, adopting them as the schema validator does', () => {
    for (const kind of RECORD_KINDS) {
      // zod's record of the fixture: canonical (sector codes, NFC text, defaults written).
      const canonical = schemaValidator(kind)!(structuredClone(FIXTURES[kind]));
      expect(typeof canonical === 'object' && canonical !== null, kind).toBe(true);
      expect(standaloneValidator(kind)!(canonical), kind).toBe(canonical);
      // In another key order it is still adopted, as the schema validator adopts it.
      const reversed = Object.fromEntries(Object.entries(canonical as object).reverse());
      expect(standaloneValidator(kind)!(reversed), kind).toBe(reversed);
      expect(schemaValidator(kind)!(reversed), kind).toBe(reversed);
    }
  });

  it('hand out a fresh default to each record, as zod does', () => {
    const canonical = schemaValidator('enterprise')!(structuredClone(FIXTURES.enterprise));
    const { collateral: _, ...without } = canonical as Record<string, unknown>;
    const a = standaloneValidator('enterprise')!(structuredClone(without)) as { collateral: [] };
    const b = standaloneValidator('enterprise')!(structuredClone(without)) as { collateral: [] };
    expect(a.collateral).toEqual([]);
    expect(a.collateral).not.toBe(b.collateral);
  });

  it('refer to an object schema read as a shape and as a union option as two validators', () => {
    // The option carries the object's own check (min ≤ max); the field's shape does not: one
    // shared reference would let the option skip it.
    const { z } = loadSchemas();
    const range = z.strictObject({ min: z.number(), max: z.number() }).check(
      acceptWhen(
        z.superRefine<{ min: number; max: number }>((r, ctx) => {
          if (r.min > r.max) ctx.addIssue({ code: 'custom', message: 'min_gt_max', input: r });
        }),
        predicate('noIssue', 'range') as (value: { min: number; max: number }) => boolean,
      ),
    );
    const schema = z.strictObject({ a: range, b: z.union([range, z.string()]) });
    const validator = standaloneFrom(standaloneSource(schema, FORBIDDEN_KEYS)!);
    const swapped = { a: { min: 1, max: 2 }, b: { min: 5, max: 1 } };
    expect(schema.safeParse(swapped).success).toBe(false);
    expect(validator(swapped)).not.toBe(swapped);
    const valid = { a: { min: 1, max: 2 }, b: { min: 1, max: 5 } };
    expect(validator(valid)).toBe(valid);
  });

  it('leave to the schema validator what only zod can decide (a fixture to normalise)', () => {
    // The enterprise fixture's sector is written '3911': canonical is 'C3911', which the
    // sector transform returns; the standalone validator cannot and bails.
    expect(FIXTURES.enterprise.sector).toBe('3911');
    expect(standaloneValidator('enterprise')!(structuredClone(FIXTURES.enterprise))).toBe(BAIL);
  });
});
