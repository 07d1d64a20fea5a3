/**
 * A catalogue of bad inputs for records, files, identity and text (issue #11). Each class is
 * one row: the bad record sits between two good ones, and the test checks the error type,
 * code, record id and field path, and that both good records survive.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EncodingError, FileError, FinmatchError, ValidationError } from '../../src/errors.js';
import { loadRecords, parseRecordsText, readRecordsFile, writeJsonl } from '../../src/io/index.js';
import type { RecordKind } from '../../src/model/enums.js';
import { parseAll, parseBatch, parseRecord } from '../../src/model/parse.js';
import { FIXTURES } from '../model/fixtures.js';

const clone = <T>(v: T): T => structuredClone(v);
const good = (kind: RecordKind, id: string) => ({ ...clone(FIXTURES[kind]), id });
const NFC = 'caf\u00e9';
const NFD = 'cafe\u0301';

interface RecordCase {
  name: string;
  kind: RecordKind;
  bad: () => unknown;
  code: string;
  path: string;
  id?: string;
}

const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
const throwingGetter = (field: string) => {
  const r: Record<string, unknown> = { ...good('enterprise', 'BAD') };
  Object.defineProperty(r, field, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  return r;
};
const withField = (kind: RecordKind, id: string, path: string[], value: unknown) => {
  const r = good(kind, id) as Record<string, unknown>;
  let node = r;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return r;
};

const RECORD_CASES: RecordCase[] = [
  {
    name: 'BigInt amount',
    kind: 'enterprise',
    bad: () => withField('enterprise', 'B1', ['annualRevenue'], 10n),
    code: 'invalid_type',
    path: 'annualRevenue',
    id: 'B1',
  },
  {
    name: 'null-prototype nested object holding a BigInt',
    kind: 'enterprise',
    bad: () =>
      withField('enterprise', 'B2', ['need'], Object.assign(Object.create(null), { amount: 5n })),
    code: 'invalid_type',
    path: 'need.amount',
    id: 'B2',
  },
  {
    name: 'throwing getter on a field',
    kind: 'enterprise',
    bad: () => throwingGetter('name'),
    code: 'unreadable',
    path: '',
    id: 'BAD',
  },
  {
    name: 'throwing getter on id',
    kind: 'enterprise',
    bad: () => throwingGetter('id'),
    code: 'unreadable',
    path: '',
  },
  {
    name: 'Proxy whose get trap throws',
    kind: 'enterprise',
    bad: () =>
      new Proxy(good('enterprise', 'P1'), {
        get() {
          throw new Error('trap');
        },
      }),
    code: 'unreadable',
    path: '',
  },
  {
    name: 'Proxy whose ownKeys trap throws',
    kind: 'institution',
    bad: () =>
      new Proxy(good('institution', 'P2'), {
        ownKeys() {
          throw new Error('trap');
        },
      }),
    code: 'unreadable',
    path: '',
    id: 'P2',
  },
  { name: 'revoked Proxy', kind: 'product', bad: revoked, code: 'unreadable', path: '' },
  {
    name: 'cyclic record',
    kind: 'enterprise',
    bad: () => {
      const r = good('enterprise', 'C1') as Record<string, unknown>;
      r.self = r;
      return r;
    },
    code: 'unknown_field',
    path: 'self',
    id: 'C1',
  },
  {
    name: 'hole in a list field',
    kind: 'enterprise',
    // eslint-disable-next-line no-sparse-arrays
    bad: () => withField('enterprise', 'H1', ['collateral'], [, 'equipment']),
    code: 'array_hole',
    path: 'collateral[0]',
    id: 'H1',
  },
  {
    name: 'symbol value',
    kind: 'institution',
    bad: () => withField('institution', 'S1', ['name'], Symbol('x')),
    code: 'invalid_type',
    path: 'name',
    id: 'S1',
  },
  {
    name: 'function value',
    kind: 'institution',
    bad: () => withField('institution', 'F1', ['name'], () => 1),
    code: 'invalid_type',
    path: 'name',
    id: 'F1',
  },
  {
    name: '__proto__ key',
    kind: 'institution',
    bad: () => JSON.parse('{"id":"PP","name":"x","kind":"bank","__proto__":{"polluted":1}}'),
    code: 'forbidden_key',
    path: '__proto__',
    id: 'PP',
  },
  {
    name: 'C1 control in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u0085D'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\u0085D',
  },
  {
    name: 'bidi override in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u202eD'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\u202eD',
  },
  {
    name: 'bidi isolate in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u2066D'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\u2066D',
  },
  {
    name: 'zero-width space in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u200bD'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\u200bD',
  },
  {
    name: 'zero-width joiner in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u200dD'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\u200dD',
  },
  {
    name: 'byte-order mark in id',
    kind: 'institution',
    bad: () => good('institution', '\ufeffID'),
    code: 'id_format',
    path: 'id',
    id: '\ufeffID',
  },
  {
    name: 'lone high surrogate in id',
    kind: 'institution',
    bad: () => good('institution', 'I\ud800D'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\ud800D',
  },
  {
    name: 'lone low surrogate in id',
    kind: 'institution',
    bad: () => good('institution', 'I\udc00D'),
    code: 'unsafe_character',
    path: 'id',
    id: 'I\udc00D',
  },
  {
    name: 'NUL in id',
    kind: 'institution',
    bad: () => good('institution', 'I\u0000D'),
    code: 'id_format',
    path: 'id',
    id: 'I\u0000D',
  },
  {
    name: 'escape sequence in id',
    kind: 'institution',
    bad: () => good('institution', '\u001b[31mX'),
    code: 'id_format',
    path: 'id',
    id: '\u001b[31mX',
  },
  {
    name: 'bidi override in a reference (institutionId)',
    kind: 'product',
    bad: () => withField('product', 'R1', ['institutionId'], 'INST\u202e'),
    code: 'unsafe_character',
    path: 'institutionId',
    id: 'R1',
  },
  {
    name: 'zero-width in combinesWith',
    kind: 'product',
    bad: () => withField('product', 'R2', ['combinesWith'], ['P\u200b']),
    code: 'unsafe_character',
    path: 'combinesWith[0]',
    id: 'R2',
  },
  {
    name: 'C1 control in a zone id',
    kind: 'product',
    bad: () => withField('product', 'R3', ['zones'], ['Z\u009b']),
    code: 'unsafe_character',
    path: 'zones[0]',
    id: 'R3',
  },
  {
    name: 'lone surrogate in chainId',
    kind: 'enterprise',
    bad: () => withField('enterprise', 'R4', ['chains'], [{ chainId: 'C\ud83d' }]),
    code: 'unsafe_character',
    path: 'chains[0].chainId',
    id: 'R4',
  },
  {
    name: 'bidi in interaction subjectId',
    kind: 'interaction',
    bad: () => withField('interaction', 'R5', ['subjectId'], 'E\u202d1'),
    code: 'unsafe_character',
    path: 'subjectId',
    id: 'R5',
  },
  {
    name: 'zero-width in interaction itemId',
    kind: 'interaction',
    bad: () => withField('interaction', 'R6', ['itemId'], 'P\u2060'),
    code: 'unsafe_character',
    path: 'itemId',
    id: 'R6',
  },
  {
    name: 'zero-width in chain leaderIds',
    kind: 'chain',
    bad: () => withField('chain', 'R7', ['leaderIds'], ['E\u200c']),
    code: 'unsafe_character',
    path: 'leaderIds[0]',
    id: 'R7',
  },
  {
    name: 'bidi in zone productIds',
    kind: 'zone',
    bad: () => withField('zone', 'R8', ['productIds'], ['P\u2067']),
    code: 'unsafe_character',
    path: 'productIds[0]',
    id: 'R8',
  },
  {
    name: 'lone surrogate in project ownerEnterpriseId',
    kind: 'project',
    bad: () => withField('project', 'R9', ['ownerEnterpriseId'], '\udfff'),
    code: 'unsafe_character',
    path: 'ownerEnterpriseId',
    id: 'R9',
  },
  {
    name: 'control character in free text',
    kind: 'enterprise',
    bad: () => withField('enterprise', 'T1', ['text'], 'ok\u001b[2Jgone'),
    code: 'unsafe_character',
    path: 'text',
    id: 'T1',
  },
  {
    name: 'lone surrogate in free text',
    kind: 'investor',
    bad: () => withField('investor', 'T2', ['thesis'], 'x\ud800'),
    code: 'unsafe_character',
    path: 'thesis',
    id: 'T2',
  },
  {
    name: 'C1 control in free text',
    kind: 'institution',
    bad: () => withField('institution', 'T3', ['text'], 'a\u0090b'),
    code: 'unsafe_character',
    path: 'text',
    id: 'T3',
  },
  {
    name: 'newline in a name',
    kind: 'institution',
    bad: () => withField('institution', 'T4', ['name'], 'line\nbreak'),
    code: 'unsafe_character',
    path: 'name',
    id: 'T4',
  },
  {
    name: 'bidi override in a name',
    kind: 'institution',
    bad: () => withField('institution', 'T5', ['name'], 'evil\u202etxt.exe'),
    code: 'unsafe_character',
    path: 'name',
    id: 'T5',
  },
  {
    name: 'control in an attribute value',
    kind: 'project',
    bad: () => withField('project', 'T6', ['attributes'], { grade: 'A\u0007' }),
    code: 'invalid_union',
    path: 'attributes.grade',
    id: 'T6',
  },
  {
    name: 'control character in an unknown key',
    kind: 'institution',
    bad: () => ({ ...good('institution', 'K1'), ['x\u001b']: 1 }),
    code: 'unknown_field',
    path: 'x\\u{1B}',
    id: 'K1',
  },
  {
    name: 'NaN amount',
    kind: 'investor',
    bad: () => withField('investor', 'N1', ['capacity'], Number.NaN),
    code: 'invalid_type',
    path: 'capacity',
    id: 'N1',
  },
  {
    name: 'Infinity amount',
    kind: 'enterprise',
    bad: () => withField('enterprise', 'N2', ['annualRevenue'], Infinity),
    code: 'invalid_type',
    path: 'annualRevenue',
    id: 'N2',
  },
  {
    name: 'Date object as a date',
    kind: 'interaction',
    bad: () => withField('interaction', 'D1', ['date'], new Date(0)),
    code: 'invalid_type',
    path: 'date',
    id: 'D1',
  },
  {
    name: 'array where a record is expected',
    kind: 'zone',
    bad: () => [good('zone', 'Z')],
    code: 'invalid_type',
    path: '',
  },
  { name: 'null record', kind: 'chain', bad: () => null, code: 'invalid_type', path: '' },
  { name: 'BigInt record', kind: 'chain', bad: () => 5n, code: 'invalid_type', path: '' },
];

describe('record catalogue: parseBatch keeps the good neighbours of every bad record', () => {
  test.each(RECORD_CASES)('$name', ({ kind, bad, code, path, id }) => {
    const batch = [good(kind, 'GOOD-A'), bad(), good(kind, 'GOOD-B')];
    const result = parseBatch(kind, batch, { locale: 'en' });
    expect(result.records.map((r) => (r as { id: string }).id)).toEqual(['GOOD-A', 'GOOD-B']);
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0]!;
    expect(error.index).toBe(1);
    if (id !== undefined) expect(error.id).toBe(id.normalize('NFC'));
    expect(error.issues.map((i) => `${i.path}:${i.code}`)).toContain(`${path}:${code}`);
    // parseRecord throws the typed error with a message that never throws to build.
    let thrown: unknown;
    try {
      parseRecord(kind, batch[1]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).code).toBe('VALIDATION_FAILED');
    expect(typeof (thrown as Error).message).toBe('string');
    // parseAll names the element's index in the path.
    expect(() => parseAll(kind, batch)).toThrow(ValidationError);
  });
});

describe('batch-level classes', () => {
  test('a hole in the batch is reported at its index; its neighbours are kept', () => {
    // eslint-disable-next-line no-sparse-arrays
    const batch = [good('institution', 'A'), , good('institution', 'B')];
    const result = parseBatch('institution', batch);
    expect(result.records).toHaveLength(2);
    expect(result.errors).toEqual([expect.objectContaining({ index: 1 })]);
    expect(result.errors[0]!.issues[0]!.code).toBe('array_hole');
  });

  test('a batch Proxy whose trap throws for one element loses only that element', () => {
    const base = [good('institution', 'A'), good('institution', 'X'), good('institution', 'B')];
    const proxy = new Proxy(base, {
      get(target, key, receiver) {
        if (key === '1') throw new Error('trap');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const result = parseBatch('institution', proxy);
    expect(result.records.map((r) => r.id)).toEqual(['A', 'B']);
    expect(result.errors[0]).toMatchObject({ index: 1, issues: [{ code: 'unreadable' }] });
  });

  test('NFC and NFD spellings of one id are one record (the second is a duplicate)', () => {
    const result = parseBatch('institution', [good('institution', NFC), good('institution', NFD)]);
    expect(result.records.map((r) => r.id)).toEqual([NFC]);
    expect(result.errors[0]).toMatchObject({
      index: 1,
      id: NFC,
      issues: [{ code: 'duplicate_id', path: 'id' }],
    });
  });

  test('references and text are normalised to NFC; CRLF in text becomes LF', () => {
    const p = parseRecord('product', {
      ...good('product', NFD),
      institutionId: NFD,
      text: 'a\r\nb\rc',
    });
    expect(p.id).toBe(NFC);
    expect(p.institutionId).toBe(NFC);
    expect(p.text).toBe('a\nb\nc');
  });

  test('a revoked Proxy as the batch is a ValidationError, not a TypeError', () => {
    expect(() => parseBatch('institution', revoked() as unknown[])).toThrow(ValidationError);
  });

  test('options with a throwing getter are an OptionError', () => {
    const options = Object.defineProperty({}, 'locale', {
      get() {
        throw new Error('x');
      },
    });
    expect(() => parseBatch('institution', [], options)).toThrow(FinmatchError);
  });

  test('a BigInt kind is an OptionError whose message can be built', () => {
    expect(() => parseRecord(10n as unknown as RecordKind, {})).toThrow(/10n/);
  });
});

// ---------------------------------------------------------------------------------------------
// Files

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'finmatch-catalogue-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inst = (id: string) => JSON.stringify(good('institution', id));

interface FileCase {
  name: string;
  file: string;
  content: string | Buffer;
  code: string;
  line: number;
  goodIds: string[];
}

const GBK_ZHONG = Buffer.from([0xd6, 0xd0]);

const FILE_CASES: FileCase[] = [
  {
    name: 'invalid UTF-8 on one JSONL line',
    file: 'bad-utf8.jsonl',
    content: Buffer.concat([
      Buffer.from(`${inst('A')}\n{"id":"`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`"}\n${inst('B')}\n`),
    ]),
    code: 'invalid_encoding',
    line: 2,
    goodIds: ['A', 'B'],
  },
  {
    name: 'invalid UTF-8 inside a JSON array element',
    file: 'bad-utf8.json',
    content: Buffer.concat([
      Buffer.from(`[\n${inst('A')},\n{"id":"X","name":"`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`","kind":"bank"},\n${inst('B')}\n]\n`),
    ]),
    code: 'invalid_encoding',
    line: 3,
    goodIds: ['A', 'B'],
  },
  {
    name: 'invalid UTF-8 inside a CSV row',
    file: 'bad-utf8.csv',
    content: Buffer.concat([
      Buffer.from('id,name,kind\nA,n,bank\nX,'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from(',bank\nB,n,bank\n'),
    ]),
    code: 'invalid_encoding',
    line: 3,
    goodIds: ['A', 'B'],
  },
  {
    name: 'malformed JSON array element (missing brace) keeps the elements after it',
    file: 'broken.json',
    content: `[\n${inst('A')},\n{"id":"X","name":"n",\n${inst('B')},\n${inst('C')}\n]\n`,
    code: 'invalid_json',
    line: 3,
    goodIds: ['A', 'B', 'C'],
  },
  {
    name: 'malformed JSON array element (unterminated string)',
    file: 'unterminated.json',
    content: `[\n${inst('A')},\n{"id":"X,\n${inst('B')}\n]\n`,
    code: 'invalid_json',
    line: 3,
    goodIds: ['A', 'B'],
  },
  {
    name: 'malformed JSON array element (stray brace)',
    file: 'stray.json',
    content: `[\n${inst('A')}},\n${inst('B')}\n]\n`,
    code: 'invalid_json',
    line: 2,
    goodIds: ['B'],
  },
  {
    name: 'lone CR line endings in JSONL',
    file: 'cr.jsonl',
    content: `${inst('A')}\r{oops\r${inst('B')}\r`,
    code: 'invalid_json',
    line: 2,
    goodIds: ['A', 'B'],
  },
  {
    name: 'lone CR line endings in a JSON array',
    file: 'cr.json',
    content: `[\r${inst('A')},\r{"id":\r${inst('B')}\r]`,
    code: 'invalid_json',
    line: 3,
    goodIds: ['A', 'B'],
  },
  {
    name: 'CSV line numbers after a quoted newline',
    file: 'quoted.csv',
    content: 'id,name,kind,text\nA,n,bank,"two\nlines"\nX,n,nope,\nB,n,bank,\n',
    code: 'invalid_enum',
    line: 4,
    goodIds: ['A', 'B'],
  },
  {
    name: 'CSV line numbers after a quoted CRLF',
    file: 'quoted-crlf.csv',
    content: 'id,name,kind,text\r\nA,n,bank,"two\r\nlines"\r\nX,n,nope,\r\nB,n,bank,\r\n',
    code: 'invalid_enum',
    line: 4,
    goodIds: ['A', 'B'],
  },
  {
    name: 'CSV row with too many cells after a multi-line row',
    file: 'length.csv',
    content: 'id,name,kind,text\nA,n,bank,"a\nb"\nX,n,bank,"c\nd",extra\nB,n,bank,\n',
    code: 'invalid_csv',
    line: 4,
    goodIds: ['A', 'B'],
  },
  {
    name: 'bidi override in an id read from JSONL',
    file: 'bidi.jsonl',
    content: `${inst('A')}\n${inst('X\u202e')}\n${inst('B')}\n`,
    code: 'unsafe_character',
    line: 2,
    goodIds: ['A', 'B'],
  },
];

describe('file catalogue: loadRecords reports the line and keeps the good records', () => {
  test.each(FILE_CASES)('$name', async ({ file, content, code, line, goodIds }) => {
    const path = join(dir, file);
    await writeFile(path, content);
    const result = await loadRecords('institution', path, { locale: 'en' });
    expect(result.records.map((r) => r.id)).toEqual(goodIds);
    expect(result.errors.map((e) => `${e.line}:${e.issues[0]!.code}`)).toContain(`${line}:${code}`);
    // The same text held in memory gives the same records.
    const format = file.endsWith('.csv') ? 'csv' : file.endsWith('.jsonl') ? 'jsonl' : 'json';
    const fromBytes = parseRecordsText(Buffer.from(content), format);
    const fromFile = await readRecordsFile(path);
    expect(fromBytes).toEqual(fromFile);
    if (typeof content === 'string') expect(parseRecordsText(content, format)).toEqual(fromFile);
  });

  test('a GBK file read as UTF-8 is an EncodingError suggesting gb18030; with the option it reads', async () => {
    const path = join(dir, 'gbk.jsonl');
    const line = (id: string) =>
      Buffer.concat([
        Buffer.from(`{"id":"${id}","name":"`),
        GBK_ZHONG,
        Buffer.from('","kind":"bank"}\n'),
      ]);
    await writeFile(path, Buffer.concat([line('A'), line('B')]));
    const error = await loadRecords('institution', path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncodingError);
    expect(error).toMatchObject({
      code: 'INVALID_ENCODING',
      line: 1,
      suggestedEncoding: 'gb18030',
      path,
    });
    expect((error as Error).message).toMatch(/gb18030/);
    const read = await loadRecords('institution', path, { encoding: 'gb18030' });
    expect(read.records.map((r) => r.name)).toEqual(['中', '中']);
    for (const format of ['json', 'csv'] as const) {
      const bytes =
        format === 'json'
          ? Buffer.concat([
              Buffer.from('[{"id":"A","kind":"bank","name":"'),
              GBK_ZHONG,
              GBK_ZHONG,
              Buffer.from('"}]'),
            ])
          : Buffer.concat([
              Buffer.from('id,kind,name\nA,bank,'),
              GBK_ZHONG,
              GBK_ZHONG,
              Buffer.from('\n'),
            ]);
      expect(() => parseRecordsText(bytes, format)).toThrow(EncodingError);
      expect(parseRecordsText(bytes, format, { encoding: 'gbk' }).rows).toEqual([
        { id: 'A', kind: 'bank', name: '中中' },
      ]);
    }
  });

  test('an unknown encoding is an OptionError', () => {
    expect(() => parseRecordsText('', 'jsonl', { encoding: 'latin9' as 'utf8' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'encoding' }),
    );
  });

  test('a missing file and a directory are FileErrors naming the path', async () => {
    for (const path of [join(dir, 'missing.jsonl'), join(dir, 'dir.jsonl')]) {
      if (path.endsWith('dir.jsonl')) execFileSync('mkdir', ['-p', path]);
      const error = await loadRecords('institution', path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileError);
      expect(error).toMatchObject({ code: 'IO_FAILED', path, operation: 'read' });
    }
  });

  test('a write to a missing folder is a FileError naming the path, with no temp file left', async () => {
    const path = join(dir, 'no-such-folder', 'out.jsonl');
    const error = await writeJsonl(path, [{ a: 1 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IO_FAILED', path, systemCode: 'ENOENT' });
  });

  test('a write to a full disk (/dev/full) is a FileError (ENOSPC)', async () => {
    const error = await writeJsonl('/dev/full', [{ a: 1 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ path: '/dev/full', systemCode: 'ENOSPC' });
  });

  test('a write to a FIFO writes into the pipe and leaves it a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const { createReadStream } = await import('node:fs');
    const { lstat, readdir } = await import('node:fs/promises');
    const chunks: Buffer[] = [];
    const reading = new Promise<void>((resolve, reject) => {
      const s = createReadStream(fifo);
      s.on('data', (c) => chunks.push(c as Buffer));
      s.on('end', resolve);
      s.on('error', reject);
    });
    await writeJsonl(fifo, [{ a: 1 }, { b: 2 }]);
    await reading;
    expect(Buffer.concat(chunks).toString()).toBe('{"a":1}\n{"b":2}\n');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
