import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords, validateParsedRecords, VALIDATION_CHUNK_SIZE } from '../../src/io/load.js';
import { parseRecordsText, readRecordsFile } from '../../src/io/read.js';
import { isValidated } from '../../src/model/validated.js';
import { validEnterprise } from './fixtures.js';
import { OptionError } from '../../src/errors.js';

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
    // Both languages say what was wrong in detail and what was expected.
    expect(zh.errors[1]!.issues[0]!.message).toMatch(/^不是有效的 JSON（应为属性名或 '\}'，位置 1/);
    expect(en.errors[1]!.issues[0]!.expected).toMatch(/one object per line/);
    expect(zh.errors[1]!.issues[0]!.expected).toMatch(/每行一个对象/);
  });

  it('a line that is not UTF-8: the same advice in Chinese as in English, and what was expected', async () => {
    const path = join(dir, 'latin1.jsonl');
    const good = Buffer.from(JSON.stringify(validEnterprise('E1')) + '\n');
    const bad = Buffer.from(
      JSON.stringify(validEnterprise('E2')).replace('E2', 'E2\u00ff'),
      'latin1',
    );
    await writeFile(path, Buffer.concat([good, bad, Buffer.from('\n')]));
    const en = await loadRecords('enterprise', path, { locale: 'en' });
    const zh = await loadRecords('enterprise', path);
    expect(en.records.map((r) => r.id)).toEqual(['E1']);
    expect(en.errors[0]!.issues[0]!.message).toMatch(/not valid UTF-8.*save the file as UTF-8/);
    expect(zh.errors[0]!.issues[0]!.message).toMatch(/不是有效的 UTF-8 文本.*另存为 UTF-8/);
    expect(en.errors[0]!.issues[0]!.expected).toBe('text in the encoding given');
    expect(zh.errors[0]!.issues[0]!.expected).toBe('按所给编码可读的文本');
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

  it('a JSON Lines file read as CSV: one error that says so, in both languages', async () => {
    const path = join(dir, 'not-csv.jsonl');
    await writeFile(
      path,
      Array.from({ length: 500 }, (_, i) => JSON.stringify(validEnterprise(`E${i}`))).join('\n'),
    );
    const en = await loadRecords('enterprise', path, { format: 'csv', locale: 'en' });
    const zh = await loadRecords('enterprise', path, { format: 'csv' });
    expect(en.records).toEqual([]);
    expect(en.errors).toHaveLength(1);
    expect(en.errors[0]!.issues[0]!.message).toMatch(/does not read as CSV.*the rest was not read/);
    expect(zh.errors[0]!.issues[0]!.message).toMatch(/^内容不是 CSV：.*其余内容未读取$/);
  });

  it('rejects an unknown kind', async () => {
    await expect(loadRecords('company' as never, join(dir, 'x.jsonl'))).rejects.toThrow(
      /unknown record kind/,
    );
  });
});

describe('loadRecords with ids', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-load-ids-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** `record` as a JSON line with its id spelled in \u escapes. */
  const escapedId = (record: Record<string, unknown>) =>
    JSON.stringify(record).replace(
      /"id":"([^"]*)"/,
      (_, id: string) =>
        `"id":"${[...id].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('')}"`,
    );
  const ids = ['E1', 'E2', 'caf\u00e9', '企业-1', '123'];
  const line = fc.oneof(
    fc.constantFrom(...ids, 'E9').map((id) => JSON.stringify(validEnterprise(id))),
    fc.constantFrom(...ids).map((id) => escapedId(validEnterprise(id))),
    // The NFD spelling of an id (validation leaves it in NFC).
    fc.constant(JSON.stringify(validEnterprise('cafe\u0301'))),
    // Invalid: a bad amount; not JSON but naming an id; naming an id in another field.
    fc
      .constantFrom(...ids)
      .map((id) => JSON.stringify({ ...validEnterprise(id), foundedYear: 'soon' })),
    fc.constantFrom(...ids).map((id) => `{"id":"${id}", oops`),
    fc.constantFrom('{oops', '', '{"id":7}', '{"id":1.23e2}', '\uFEFF{"id":"E1"}'),
    fc
      .constantFrom(...ids)
      .map((id) => JSON.stringify({ ...validEnterprise('E8'), text: `见 ${id}` })),
  );
  const file = fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 14 });

  it('reads the named records as the whole file holds them: records, lines, their errors (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(file, fc.subarray(ids, { minLength: 1 }), async (lines, wanted) => {
        const path = join(dir, `f${run++}.jsonl`);
        await writeFile(path, lines.map(([l, e]) => l + e).join(''));
        const whole = await loadRecords('enterprise', path, { locale: 'en' });
        const some = await loadRecords('enterprise', path, { locale: 'en', ids: wanted });
        const keep = whole.records.flatMap((r, i) => (wanted.includes(r.id) ? [i] : []));
        expect(some.records).toEqual(keep.map((i) => whole.records[i]));
        expect(some.lines).toEqual(keep.map((i) => whole.lines[i]));
        // Every error of a named record is reported as the whole read reports it; the errors
        // reported all are the whole read's (lines that may hold one: not JSON, say).
        for (const error of some.errors) expect(whole.errors).toContainEqual(error);
        for (const error of whole.errors)
          if (error.id !== undefined && wanted.includes(error.id))
            expect(some.errors).toContainEqual(error);
      }),
      { numRuns: 60 },
    );
  });

  it('skips lines without parsing them, reports only the lines that may hold a named record', async () => {
    const path = join(dir, 'some.jsonl');
    await writeFile(
      path,
      [
        JSON.stringify(validEnterprise('E1')),
        '{not json at all',
        JSON.stringify({ ...validEnterprise('E2'), foundedYear: 'soon' }),
        '{"id":"E3", broken',
        JSON.stringify(validEnterprise('E3')),
      ].join('\n'),
    );
    const result = await loadRecords('enterprise', path, { ids: ['E3'], locale: 'en' });
    expect(result.records.map((r) => r.id)).toEqual(['E3']);
    expect(result.lines).toEqual([5]);
    expect(result.errors.map((e) => e.line)).toEqual([4]);
    const csv = join(dir, 'some.csv');
    await writeFile(csv, 'id,name,kind\nE1,甲,bank\nE2,乙,bank\nE3,丙,nope\n');
    const fromCsv = await loadRecords('institution', csv, { ids: ['E2'] });
    expect(fromCsv.errors).toEqual([]);
    expect(fromCsv.records.map((r) => r.id)).toEqual(['E2']);
    expect(fromCsv.lines).toEqual([3]);
  });

  it('rejects an unknown option name, with a did-you-mean: a misspelt ids never reads the whole file', async () => {
    const path = join(dir, 'names.jsonl');
    await writeFile(path, JSON.stringify(validEnterprise('E1')));
    const misspelt = { idz: ['E1'] } as unknown as { ids: string[] };
    await expect(loadRecords('enterprise', path, misspelt)).rejects.toThrow(OptionError);
    await expect(loadRecords('enterprise', path, misspelt)).rejects.toThrow(/ids/);
    await expect(readRecordsFile(path, misspelt)).rejects.toThrow(OptionError);
    expect(() => parseRecordsText('', 'jsonl', { encodng: 'utf8' } as never)).toThrow(OptionError);
  });

  it('rejects ids that are not a list of non-empty strings', async () => {
    const path = join(dir, 'empty.jsonl');
    await writeFile(path, '');
    // eslint-disable-next-line no-sparse-arrays
    for (const bad of ['E1', [''], [1], null, [, 'E1']])
      await expect(
        loadRecords('enterprise', path, { ids: bad as unknown as string[] }),
      ).rejects.toThrow(OptionError);
  });
});

describe('records remembered as validated', () => {
  it('loadRecords remembers the records it parsed itself; rows a caller passes are not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finmatch-load-own-'));
    try {
      const path = join(dir, 'enterprises.jsonl');
      await writeFile(
        path,
        [validEnterprise('E1'), validEnterprise('E2')].map((e) => JSON.stringify(e)).join('\n'),
      );
      const loaded = await loadRecords('enterprise', path);
      expect(loaded.records).toHaveLength(2);
      for (const r of loaded.records) expect(isValidated('enterprise', r)).toBe(true);
      // Rows the caller parsed (here a canonical record): adopted as they are, and the caller
      // may still change them.
      const rows = [{ ...structuredClone(loaded.records[0]!), id: 'E3' }];
      const given = validateParsedRecords('enterprise', { rows, lines: [1], parseErrors: [] });
      expect(given.records[0]).toBe(rows[0]);
      expect(isValidated('enterprise', given.records[0])).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
  it('an id repeated twice in a later chunk names the line of the record kept both times', () => {
    const pad = (i: number) => `E${String(i).padStart(6, '0')}`;
    const ids = [
      ...Array.from({ length: VALIDATION_CHUNK_SIZE }, (_, i) => pad(i)),
      pad(12),
      pad(12),
    ];
    const result = validateParsedRecords(
      'enterprise',
      {
        rows: ids.map((id) => validEnterprise(id)),
        lines: ids.map((_, i) => i + 1),
        parseErrors: [],
      },
      { locale: 'en' },
    );
    expect(result.errors.map((e) => [e.line, e.issues[0]!.message])).toEqual([
      [VALIDATION_CHUNK_SIZE + 1, 'duplicate id: already used by the record on line 13'],
      [VALIDATION_CHUNK_SIZE + 2, 'duplicate id: already used by the record on line 13'],
    ]);
  });

  it('reports an id repeated across chunks at its line, whether the ids ascended before or not (property)', () => {
    const pad = (i: number) => `E${String(i).padStart(6, '0')}`;
    // A first chunk of ascending ids, then a tail of ids from the same range and beyond, in
    // any order: repeats of the first chunk, of the tail, and ids past the last.
    const tail = fc.array(fc.nat({ max: VALIDATION_CHUNK_SIZE + 40 }), { maxLength: 30 });
    fc.assert(
      fc.property(tail, fc.boolean(), (later, shuffleFirst) => {
        const ids = Array.from({ length: VALIDATION_CHUNK_SIZE }, (_, i) => pad(i));
        if (shuffleFirst) ids.reverse();
        ids.push(...later.map(pad));
        const rows = ids.map((id) => validEnterprise(id));
        const lines = ids.map((_, i) => i + 1);
        const result = validateParsedRecords(
          'enterprise',
          { rows, lines, parseErrors: [] },
          { locale: 'en' },
        );
        // The reference: first line of each id, every later one an error at its own line.
        const first = new Map<string, number>();
        const expectedErrors: [number, string][] = [];
        const expectedIds: string[] = [];
        ids.forEach((id, i) => {
          if (first.has(id)) expectedErrors.push([i + 1, id]);
          else {
            first.set(id, i + 1);
            expectedIds.push(id);
          }
        });
        expect(result.records.map((r) => r.id)).toEqual(expectedIds);
        expect(result.errors.map((e) => [e.line, e.id])).toEqual(expectedErrors);
        for (const e of result.errors)
          expect(e.issues[0]!.message).toContain(`line ${first.get(e.id!)}`);
      }),
      { numRuns: 15 },
    );
  });
});
