/**
 * Record shapes primed for JSON.parse: the shipped samples are the ones the schemas give (the
 * data module is this file's file snapshot: `npx vitest run test/model/json-shapes.test.ts -u`
 * rewrites it after a schema change), they have what the priming needs (every object of every
 * kind, keys in schema order, wide numbers as fractions, small integers as 0), and, in a real
 * V8, records parsed after importing finmatch keep one hidden class where a late large amount
 * used to deprecate the earlier records' one.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  RECORD_SHAPE_SAMPLES,
  SMALL_INTEGER_LIMIT,
  WIDE_SAMPLE,
  primeJsonShapes,
  recordShapeSamples,
} from '../../src/model/json-shapes.js';
import { loadSchemas } from '../../src/model/parse.js';
import { RECORD_KINDS } from '../../src/model/enums.js';

/** The data module's text for `samples`, as prettier leaves it. */
function dataModule(samples: readonly string[]): string {
  const lines = samples.map((s) => `  ${quote(s)},`);
  return [
    '/**',
    ' * Generated from the record schemas by test/model/json-shapes.test.ts (a file snapshot:',
    ' * `npx vitest run test/model/json-shapes.test.ts -u` rewrites it). See json-shapes.ts.',
    ' *',
    ' * @module',
    ' */',
    '',
    '/** One JSON sample per record shape, parsed when finmatch is imported. */',
    'export const RECORD_SHAPE_SAMPLES: readonly string[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

/** `s` as a single-quoted string literal (the samples hold no quote or backslash to escape). */
function quote(s: string): string {
  if (/['\\\n]/.test(s)) throw new Error(`sample needs escaping: ${s}`);
  return `'${s}'`;
}

const schemas = loadSchemas().schemas as unknown as Parameters<typeof recordShapeSamples>[0];

describe('record shape samples', () => {
  it('are the ones the schemas give (the shipped data module is up to date)', async () => {
    const derived = recordShapeSamples(schemas);
    await expect(dataModule(derived)).toMatchFileSnapshot('../../src/model/json-shapes.data.ts');
    expect(RECORD_SHAPE_SAMPLES).toEqual(derived);
  });

  it('sample every record kind with all its fields, in schema order', () => {
    const parsed = RECORD_SHAPE_SAMPLES.map((s) => JSON.parse(s) as Record<string, unknown>);
    for (const kind of RECORD_KINDS) {
      const keys = Object.keys((schemas[kind] as unknown as { shape: object }).shape);
      expect(
        parsed.some((p) => JSON.stringify(Object.keys(p)) === JSON.stringify(keys)),
        kind,
      ).toBe(true);
    }
  });

  it('give wide number fields a fraction and small integer fields 0', () => {
    const need = RECORD_SHAPE_SAMPLES.map((s) => JSON.parse(s) as Record<string, unknown>).find(
      (p) => 'purpose' in p && 'termMonths' in p,
    );
    // An amount may pass 2^30 (a fraction from the start); a term in months may not.
    expect(need).toMatchObject({ amount: WIDE_SAMPLE, termMonths: 0 });
    expect(Number.isInteger(WIDE_SAMPLE)).toBe(false);
    expect(SMALL_INTEGER_LIMIT).toBe(2 ** 30);
  });

  it('sample each subset of a small object’s optional fields, without repeats', () => {
    const loans = RECORD_SHAPE_SAMPLES.filter(
      (s) => s.includes('"maturity"') && !s.includes('"need"'),
    );
    // id, lenderId and renewalWithoutRepayment are optional: 2^3 shapes of an existing loan.
    expect(loans).toHaveLength(8);
    expect(new Set(RECORD_SHAPE_SAMPLES).size).toBe(RECORD_SHAPE_SAMPLES.length);
  });

  it('priming is idempotent and skips a sample that does not parse', () => {
    // The import primed the shipped samples already.
    expect(primeJsonShapes()).toBe(0);
    expect(primeJsonShapes(['{"zz":0.5}', '{"zz":0.5}', '{not json'])).toBe(1);
    expect(primeJsonShapes(['{"zz":0.5}', '{not json'])).toBe(0);
  });
});

describe('in V8 (a child process of this Node, natives syntax on)', () => {
  const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
  /** Whether two enterprises parsed from one text share their need's hidden class. */
  const sameNeedMap = (importFirst: boolean): string => {
    const need = (amount: number) =>
      `{"amount":${amount},"termMonths":36,"instruments":["loan"],"purpose":"rnd"}`;
    const record = (id: string, amount: number) =>
      `{"id":"${id}","name":"甲","sector":"C3911","region":"110000","stage":"growth","foundedYear":2015,"employees":10,"annualRevenue":1000000,"need":${need(amount)}}`;
    const text = `[${record('e1', 5000000)},${record('e2', 3000000000)}]`;
    const script = [
      importFirst ? `await import(${JSON.stringify(dist)});` : '',
      `const [a, b] = JSON.parse(${JSON.stringify(text)});`,
      `console.log(String(%HaveSameMap(a.need, b.need)));`,
    ].join('\n');
    const run = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    return run.stdout.trim();
  };

  it('a late amount above 2^30 deprecates the earlier need’s class without priming', () => {
    expect(sameNeedMap(false)).toBe('false');
  });

  it('after importing finmatch both needs keep one class', () => {
    expect(sameNeedMap(true)).toBe('true');
  });
});
