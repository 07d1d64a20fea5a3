import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlChunkReader, parseRecordsText, readRecordsFile } from '../../src/io/read.js';
import { IdFilter } from '../../src/io/id-lines.js';
import { EncodingError, FileError, OptionError } from '../../src/errors.js';

describe('parseRecordsText: jsonl', () => {
  it('numbers lines from 1, skips blank lines and reports malformed lines', () => {
    const text = '{"id":"A"}\n\n   \n{"id":"B",}\n{"id":"C"}\r\nnot json\n';
    const parsed = parseRecordsText(text, 'jsonl');
    expect(parsed.rows).toEqual([{ id: 'A' }, { id: 'C' }]);
    expect(parsed.lines).toEqual([1, 5]);
    expect(parsed.parseErrors.map((e) => [e.line, e.code])).toEqual([
      [4, 'invalid_json'],
      [6, 'invalid_json'],
    ]);
    // The message names the problem without echoing the line.
    expect(parsed.parseErrors[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('ignores a byte-order mark', () => {
    expect(parseRecordsText('\uFEFF{"id":"A"}', 'jsonl').rows).toEqual([{ id: 'A' }]);
  });

  it('keeps Chinese text intact', () => {
    expect(parseRecordsText('{"name":"专精特新小巨人"}', 'jsonl').rows).toEqual([
      { name: '专精特新小巨人' },
    ]);
  });

  it('every non-blank line is either a row or an error, in line order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.constant(''), fc.string())), (lines) => {
        const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n');
        const parsed = parseRecordsText(text, 'jsonl');
        const nonBlank = text.split('\n').filter((l) => l.replace(/\r$/, '').trim() !== '').length;
        expect(parsed.rows.length + parsed.parseErrors.length).toBe(nonBlank);
        expect(parsed.lines).toEqual([...parsed.lines].sort((a, b) => a - b));
      }),
    );
  });
});

describe('parseRecordsText: json', () => {
  it('gives each element the line it starts on', () => {
    const text =
      '[\n  {"id": "A",\n   "x": "a]b,c"},\n  {"id": "B"}, {"id": "C"},\n\n  {\n    "id": "D"\n  }\n]\n';
    const parsed = parseRecordsText(text, 'json');
    expect(parsed.rows).toEqual([{ id: 'A', x: 'a]b,c' }, { id: 'B' }, { id: 'C' }, { id: 'D' }]);
    expect(parsed.lines).toEqual([2, 4, 4, 6]);
    expect(parsed.parseErrors).toEqual([]);
  });

  it('reports a malformed element and keeps the others', () => {
    const text = '[\n{"id":"A"},\n{"id": tru},\n{"id":"C"}\n]';
    const parsed = parseRecordsText(text, 'json');
    expect(parsed.rows).toEqual([{ id: 'A' }, { id: 'C' }]);
    expect(parsed.lines).toEqual([2, 4]);
    expect(parsed.parseErrors).toMatchObject([{ line: 3, code: 'invalid_json' }]);
  });

  it('handles escaped quotes and brackets inside strings', () => {
    const parsed = parseRecordsText('[{"t":"a\\"]}"},{"t":"\\\\"}]', 'json');
    expect(parsed.rows).toEqual([{ t: 'a"]}' }, { t: '\\' }]);
  });

  it('rejects a top level that is not an array, an unclosed array and trailing text', () => {
    expect(parseRecordsText('{"id":"A"}', 'json').parseErrors).toMatchObject([
      { line: 1, code: 'not_an_array' },
    ]);
    expect(parseRecordsText('', 'json').parseErrors).toMatchObject([{ code: 'not_an_array' }]);
    expect(parseRecordsText('[\n{"id":"A"},\n{"id":"B"}', 'json').parseErrors).toMatchObject([
      { line: 3, code: 'invalid_json' },
    ]);
    const trailing = parseRecordsText('[{"id":"A"}]\n\nx', 'json');
    expect(trailing.rows).toEqual([{ id: 'A' }]);
    expect(trailing.parseErrors).toMatchObject([{ line: 3 }]);
    expect(parseRecordsText('[]', 'json')).toEqual({ rows: [], lines: [], parseErrors: [] });
  });

  it('agrees with JSON.parse on any array of JSON values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (values, pretty) => {
        const text = JSON.stringify(values, null, pretty ? 2 : 0);
        const parsed = parseRecordsText(text, 'json');
        expect(parsed.parseErrors).toEqual([]);
        expect(parsed.rows).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('parseRecordsText: csv', () => {
  it('builds nested objects from dotted columns and converts cells by convention', () => {
    const text = [
      'id,name,sector,region,foundedYear,need.amount,need.termMonths,need.instruments,collateral,existingLoans[0].amount,existingLoans[0].renewalWithoutRepayment,text',
      'E1,南京智造,3911,320102,2015,5000000,36,"[""loan""]","[""credit"",""realEstate""]",1e6,TRUE,',
    ].join('\n');
    const parsed = parseRecordsText(text, 'csv');
    expect(parsed.parseErrors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        id: 'E1',
        name: '南京智造',
        sector: '3911', // codes stay strings
        region: '320102',
        foundedYear: 2015,
        need: { amount: 5_000_000, termMonths: 36, instruments: ['loan'] },
        collateral: ['credit', 'realEstate'],
        existingLoans: [{ amount: 1_000_000, renewalWithoutRepayment: true }],
        // `text` was empty: absent, not ''
      },
    ]);
  });

  it('leaves malformed numbers as strings for the validator to report', () => {
    const parsed = parseRecordsText(
      'id,need.amount,employees\n0042,"5,000,000",12 people\n',
      'csv',
    );
    expect(parsed.rows).toEqual([
      { id: '0042', need: { amount: '5,000,000' }, employees: '12 people' },
    ]);
  });

  it('reports the start line of rows spanning lines, and bad rows with their id', () => {
    const text = 'id,name,text\nA,x,"line one\nline two"\n\nB,y\nC,y,"[1,"\nD,z,ok\n';
    const parsed = parseRecordsText(text, 'csv');
    expect(parsed.rows).toEqual([
      { id: 'A', name: 'x', text: 'line one\nline two' },
      { id: 'D', name: 'z', text: 'ok' },
    ]);
    expect(parsed.lines).toEqual([2, 7]);
    expect(parsed.parseErrors).toMatchObject([
      { line: 5, code: 'invalid_csv', id: 'B' },
      { line: 6, code: 'invalid_cell', id: 'C', path: 'text' },
    ]);
  });

  it('reports bad column names once and never writes to prototypes', () => {
    const parsed = parseRecordsText('id,__proto__.polluted,a..b,need.amount\nA,1,2,3\n', 'csv');
    expect(parsed.parseErrors.map((e) => [e.line, e.path])).toEqual([
      [1, '__proto__.polluted'],
      [1, 'a..b'],
    ]);
    expect(parsed.rows).toEqual([{ id: 'A', need: { amount: 3 } }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readRecordsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams JSONL with the same result as parsing the text', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 97 === 5
        ? '{broken'
        : i % 50 === 0
          ? ''
          : JSON.stringify({ id: `E${i}`, name: '企业'.repeat(i % 7) }),
    );
    const text = lines.join('\r\n');
    const path = join(dir, 'big.ndjson');
    await writeFile(path, text);
    const progress: number[] = [];
    const parsed = await readRecordsFile(path, { onProgress: (done) => progress.push(done) });
    expect(parsed).toEqual(parseRecordsText(text, 'jsonl'));
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
  });

  it('picks the format from the extension or the option', async () => {
    const path = join(dir, 'records.txt');
    await writeFile(path, 'id\nA\n');
    await expect(readRecordsFile(path)).rejects.toBeInstanceOf(OptionError);
    expect((await readRecordsFile(path, { format: 'csv' })).rows).toEqual([{ id: 'A' }]);
    const json = join(dir, 'records.JSON');
    await writeFile(json, '[{"id":"A"}]');
    expect((await readRecordsFile(json)).rows).toEqual([{ id: 'A' }]);
  });

  it('says a folder or a missing file is one, before looking at its extension', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    for (const [path, code] of [
      [folder, 'EISDIR'],
      [join(dir, 'missing-no-extension'), 'ENOENT'],
    ] as const) {
      const error = await readRecordsFile(path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(FileError);
      expect((error as FileError).systemCode).toBe(code);
      expect((error as FileError).operation).toBe('read');
    }
  });

  it('rejects an unknown format name', () => {
    expect(() => parseRecordsText('', 'xml' as never)).toThrow(OptionError);
  });
});

describe('parseCsv on text that is not CSV', () => {
  it('stops with one error, fast, instead of rejecting a record per quote (quadratic)', () => {
    const line = JSON.stringify({ id: 'P1', name: '专精特新贷', amount: { min: 1, max: 2 } });
    const text = Array.from({ length: 2000 }, () => line).join('\n');
    const started = performance.now();
    const parsed = parseRecordsText(text, 'csv');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.rows).toEqual([]);
    expect(parsed.parseErrors).toHaveLength(1);
    expect(parsed.parseErrors[0]!.code).toBe('invalid_csv');
    expect(parsed.parseErrors[0]!.message).toMatch(
      /^the text does not read as CSV: the parser rejected \d+ records by line \d+ .*the rest was not read$/,
    );
  });

  it('still reports each bad row of a CSV file with a few bad rows', () => {
    const rows = ['id,name', 'A,x', 'B,"y', 'C,z', 'D,w,extra', 'E,v'];
    const parsed = parseRecordsText(rows.join('\n'), 'csv');
    expect(parsed.parseErrors.length).toBeGreaterThan(0);
    expect(parsed.parseErrors.every((e) => !e.message.startsWith('the text does not read'))).toBe(
      true,
    );
  });
});

describe('JsonlChunkReader', () => {
  /** The result of reading `bytes` cut at `cuts`, or the error `end` threw. */
  function read(
    bytes: Buffer,
    cuts: number[],
    encoding: 'utf8' | 'gb18030' = 'utf8',
    filter?: IdFilter,
  ) {
    const reader = new JsonlChunkReader(encoding, 'x.jsonl', 1, filter);
    let start = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      reader.push(bytes.subarray(start, cut));
      start = cut;
    }
    reader.push(bytes.subarray(start));
    try {
      return reader.end();
    } catch (error) {
      if (error instanceof EncodingError) return { error: error.message };
      throw error;
    }
  }
  /** One byte per chunk: no chunk holds a block of lines, every line is decoded alone. */
  const byteByByte = (bytes: Buffer, encoding?: 'utf8' | 'gb18030') =>
    read(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i),
      encoding,
    );

  const line = fc.oneof(
    fc.json().map((j) => Buffer.from(j)),
    fc.string({ unit: 'grapheme', maxLength: 12 }).map((t) => Buffer.from(JSON.stringify({ t }))),
    fc.constantFrom('{"name":"企业"}', '', '  ', '\uFEFF{}', '{broken').map((t) => Buffer.from(t)),
    // Bytes that are not UTF-8: GB18030 Chinese, a stray continuation byte, a cut sequence.
    fc.constantFrom([0xc6, 0xf3, 0xd2, 0xb5], [0x80], [0xe4, 0xbc]).map((b) => Buffer.from(b)),
  );
  const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
  const file = fc
    .array(fc.tuple(line, ending), { maxLength: 30 })
    .map((ls) => Buffer.concat(ls.flatMap(([l, e]) => [l, Buffer.from(e)])));

  it('gives the same rows, lines and errors however the bytes are cut (property)', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const at = cuts.map((c) => c % (bytes.length + 1));
        expect(read(bytes, at)).toEqual(byteByByte(bytes));
        expect(read(bytes, at, 'gb18030')).toEqual(byteByByte(bytes, 'gb18030'));
      }),
    );
  });

  describe('with wanted ids', () => {
    /** A GB18030 character whose two bytes also read as plain UTF-8 (U+00A0–U+00BF). */
    const gbPlain = new TextDecoder('gb18030').decode(Buffer.from([0xc2, 0xa0]));
    const wantedIds = ['E1', 'E2', 'café', '企业-1', '123', 'E9', 'EK', 'a;b', gbPlain];
    const named = fc.oneof(
      fc
        .constantFrom(
          '{"id":"E1"}',
          '{"id":"E2","t":"企业"}',
          '{"id":"E\\u0031"}',
          '{"id":"café"}',
          '{"id":"cafe\u0301"}',
          '{"id":"企业-1","n":"南京"}',
          '{"id":"E3","t":"α"}',
          '{"id":"E4","t":"，（）·é—　"}',
          '\uFEFF{"id":"E1"}',
          '{"id":"E1", broken',
          '{"id":"E5","t":"E1"}',
          '{"id":123}',
          '{"id":1.23e2,"t":"企业"}',
          '{"id":"E1","id":"E9"}',
          '["E1"]',
          // U+212A KELVIN SIGN: NFC reads it as K, so this is the record EK.
          '{"id":"E\u212A"}',
          '{"id":"E6","t":"\u212A"}',
          // U+037E GREEK QUESTION MARK: NFC reads it as a semicolon.
          '{"id":"a\u037Eb"}',
          '{"id":"E8","t":"\u1FEF\uFEFF"}',
        )
        .map((t) => Buffer.from(t)),
      // The GB18030 spelling of an id whose bytes look like plain UTF-8.
      fc.constant(Buffer.from([...Buffer.from('{"id":"'), 0xc2, 0xa0, ...Buffer.from('"}')])),
    );
    const mixed = fc
      .array(fc.tuple(fc.oneof(line, named), ending), { maxLength: 30 })
      .map((ls) => Buffer.concat(ls.flatMap(([l, e]) => [l, Buffer.from(e)])));
    /** The bytes of each line (1-based), split as the reader splits them. */
    const linesOf = (bytes: Buffer) => ['', ...bytes.toString('latin1').split(/\r\n?|\n/)];

    // ASCII ids alone take the path of native searches (see id-lines.ts); any ids, the other.
    const asciiIds = wantedIds.filter((id) => /^\p{ASCII}*$/u.test(id) && id !== '123');
    it.each([
      ['any ids', wantedIds],
      ['ASCII ids', asciiIds],
    ])(
      'reads every wanted record the whole read reads, at its line, and fails as it fails, however cut, %s (property)',
      (_, pool) => {
        fc.assert(
          fc.property(
            mixed,
            fc.array(fc.nat(), { maxLength: 8 }),
            fc.subarray(pool, { minLength: 1 }),
            fc.constantFrom('utf8' as const, 'gb18030' as const),
            (bytes, cuts, ids, encoding) => {
              const filter = new IdFilter(ids);
              const at = cuts.map((c) => c % (bytes.length + 1));
              const whole = read(bytes, at, encoding);
              const some = read(bytes, at, encoding, filter);
              // The same chunks or none: the same result.
              expect(read(bytes, [], encoding, filter)).toEqual(some);
              // A file that reads as GB18030 is refused by both, in the same words.
              if ('error' in whole || 'error' in some) {
                expect(some).toEqual(whole);
                return;
              }
              const wanted = (r: typeof whole) =>
                r.rows.flatMap((row, i) => (filter.wants(row) ? [[r.lines[i], row]] : []));
              expect(wanted(some)).toEqual(wanted(whole));
              // Unreadable lines: those naming an id, as the whole read reports them.
              for (const error of some.parseErrors) expect(whole.parseErrors).toContainEqual(error);
              const text = linesOf(bytes);
              const needles = ids.map((id) => Buffer.from(id).toString('latin1'));
              if (encoding === 'utf8')
                for (const error of whole.parseErrors)
                  if (needles.some((n) => text[error.line]!.includes(n)))
                    expect(some.parseErrors).toContainEqual(error);
            },
          ),
          { numRuns: 400 },
        );
      },
    );
  });

  it('refuses a GB18030 file read as UTF-8 in a lookup as in a whole read, whose first line is a BOM and ASCII', () => {
    const gbLine = [
      ...Buffer.from('{"id":"E2","name":"'),
      0xc4,
      0xcf,
      0xbe,
      0xa9,
      ...Buffer.from('"}'),
    ];
    const bytes = Buffer.from([
      ...Buffer.from('\uFEFF{"x":1}\n'),
      ...Array.from({ length: 3 }, () => [...gbLine, 0x0a]).flat(),
    ]);
    const whole = read(bytes, []);
    expect(whole).toHaveProperty('error');
    for (const ids of [['E1'], ['E2'], ['企业']])
      expect(read(bytes, [], 'utf8', new IdFilter(ids))).toEqual(whole);
  });

  it('reads LF and CRLF endings in blocks as it reads them one by one (property)', () => {
    // No lone CR: chunks whose every CR is half of a CRLF go to the block path.
    const crlfFile = fc
      .array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 30 })
      .map((ls) => Buffer.concat(ls.flatMap(([l, e]) => [l, Buffer.from(e)])));
    fc.assert(
      fc.property(crlfFile, fc.array(fc.nat(), { maxLength: 4 }), (bytes, cuts) => {
        const at = cuts.map((c) => c % (bytes.length + 1));
        expect(read(bytes, at)).toEqual(byteByByte(bytes));
      }),
    );
  });

  it('reads lines in one block per chunk as it reads them one by one', () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 37 === 3 ? '{bad' : JSON.stringify({ id: `E${i}`, text: '专精特新'.repeat(i % 5) }),
    );
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const whole = read(bytes, []);
    expect(whole).toEqual(byteByByte(bytes));
    expect(whole).toEqual(parseRecordsText(bytes.toString('utf8'), 'jsonl'));
    // The same lines with CRLF endings (a Windows export): the same rows and lines.
    const crlf = Buffer.from(lines.join('\r\n') + '\r\n');
    expect(read(crlf, [])).toEqual(whole);
    expect(read(crlf, [40000, 90001])).toEqual(whole);
    // An invalid byte inside a block: that line alone is reported, the others are read.
    const bad = Buffer.concat([
      bytes.subarray(0, 70000),
      Buffer.from([0xff]),
      bytes.subarray(70000),
    ]);
    const result = read(bad, [1500]);
    expect(result).toEqual(byteByByte(bad));
    expect('parseErrors' in result && result.parseErrors.map((e) => e.code)).toContain(
      'invalid_encoding',
    );
  });

  it('still tells a GB18030 file read as UTF-8 when its lines arrive in blocks', () => {
    const gbLine = Buffer.from([
      0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc6, 0xf3, 0xd2, 0xb5, 0x22, 0x7d,
    ]);
    const bytes = Buffer.concat(
      Array.from({ length: 20 }, () => [gbLine, Buffer.from('\n')]).flat(),
    );
    const result = read(bytes, []);
    expect(result).toEqual(byteByByte(bytes));
    expect(result).toHaveProperty('error');
  });
  it('drops a byte-order mark only when the first line pushed is line 1', () => {
    const bytes = Buffer.from('\uFEFF{"a":1}\n{"b":2}\n');
    const atStart = new JsonlChunkReader('utf8');
    atStart.push(bytes);
    expect(atStart.end()).toEqual({ rows: [{ a: 1 }, { b: 2 }], lines: [1, 2], parseErrors: [] });
    const inside = new JsonlChunkReader('utf8', undefined, 41);
    inside.push(bytes);
    const result = inside.end();
    expect(result.rows).toEqual([{ b: 2 }]);
    expect(result.lines).toEqual([42]);
    expect(result.parseErrors).toEqual([
      expect.objectContaining({ line: 41, code: 'invalid_json' }),
    ]);
  });
});
