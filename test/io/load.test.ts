import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords, validateParsedRecords, VALIDATION_CHUNK_SIZE } from '../../src/io/load.js';
import { validEnterprise } from './fixtures.js';

describe('loadRecords', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns good records with lines and every bad line sorted, in the requested locale', async () => {
    const bad = {
      ...validEnterprise('E2'),
      need: { ...(validEnterprise('E2').need as object), amount: -1 },
    };
    const lines = [
      JSON.stringify(validEnterprise('E1')),
      JSON.stringify(bad),
      '',
      '{oops',
      JSON.stringify(validEnterprise('E1')),
      JSON.stringify(validEnterprise('E3')),
    ];
    const path = join(dir, 'enterprises.jsonl');
    await writeFile(path, lines.join('\n'));
    const en = await loadRecords('enterprise', path, { locale: 'en' });
    expect(en.records.map((r) => r.id)).toEqual(['E1', 'E3']);
    expect(en.lines).toEqual([1, 6]);
    expect(en.errors.map((e) => [e.line, e.id, e.issues.map((i) => i.path)])).toEqual([
      [2, 'E2', ['need.amount']],
      [4, undefined, ['']],
      [5, 'E1', ['id']],
    ]);
    expect(en.errors[2]!.issues[0]!.message).toContain('line 1');
    const zh = await loadRecords('enterprise', path);
    expect(zh.errors[1]!.issues[0]!.message).toMatch(/^不是有效的 JSON/);
  });

  it('loads CSV records with nested columns', async () => {
    const path = join(dir, 'enterprises.csv');
    await writeFile(
      path,
      [
        'id,name,sector,region,stage,foundedYear,employees,annualRevenue,need.amount,need.termMonths,need.instruments,need.purpose,srdi.tier',
        'E1,苏州精密,3911,320505,growth,2012,300,150000000,8000000,24,"[""loan""]",equipment,littleGiant',
        'E2,Bad Co,9999,320505,growth,2012,300,150000000,8000000,24,"[""loan""]",equipment,',
      ].join('\n'),
    );
    const result = await loadRecords('enterprise', path, { locale: 'en' });
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      sector: 'C3911',
      srdi: { tier: 'littleGiant' },
      need: { amount: 8_000_000 },
    });
    expect(result.errors).toMatchObject([
      { line: 3, id: 'E2', issues: [{ path: 'sector', code: 'unknown_sector' }] },
    ]);
  });

  it('rejects an unknown kind', async () => {
    await expect(loadRecords('company' as never, join(dir, 'x.jsonl'))).rejects.toThrow(
      /unknown record kind/,
    );
  });
});

describe('validateParsedRecords', () => {
  it('finds repeated ids across validation chunks', () => {
    const n = VALIDATION_CHUNK_SIZE + 5;
    const rows = Array.from({ length: n }, (_, i) => validEnterprise(`E${i}`));
    rows[n - 1] = validEnterprise('E3');
    const lines = rows.map((_, i) => i + 1);
    const progress: number[] = [];
    const result = validateParsedRecords(
      'enterprise',
      { rows, lines, parseErrors: [] },
      {
        locale: 'en',
        onProgress: (done) => progress.push(done),
      },
    );
    expect(result.records).toHaveLength(n - 1);
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: n,
        id: 'E3',
        issues: [expect.objectContaining({ code: 'duplicate_id', path: 'id' })],
      }),
    ]);
    expect(result.errors[0]!.issues[0]!.message).toContain('line 4');
    expect(progress).toEqual([VALIDATION_CHUNK_SIZE, n]);
  });
});
