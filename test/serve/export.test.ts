/**
 * `exportRecords` and `finmatch export`: a service database written out as the files
 * `finmatch generate` writes, at one change-log position, atomically; read back by the
 * library's `loadRecords` and by `finmatch sweep`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRecords } from '../../src/io/load.js';
import { writeMarket } from '../../src/io/write.js';
import type { RecordKind } from '../../src/model/enums.js';
import { EXPORT_FILES, exportRecords, type ExportManifest } from '../../src/serve/export.js';
import { openStore } from '../../src/serve/store/index.js';
import { STORED_KINDS, type Store } from '../../src/serve/store/types.js';
import { run } from '../cli/helpers.js';
import { AS_OF, storeMarket, testMarket } from './helpers.js';

const market = testMarket(300);
const FILES = STORED_KINDS.map((k) => EXPORT_FILES[k].file);

let root: string;
let store: Store;
let seqBefore: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'finmatch-export-'));
  store = await openStore('memory:');
  await store.migrate();
  await storeMarket(store, market);
  seqBefore = await store.headSeq();
}, 120_000);

afterAll(async () => {
  await store?.close();
  await rm(root, { recursive: true, force: true });
});

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const plain = <T>(records: readonly T[]) => JSON.parse(JSON.stringify(records)) as T[];

async function readManifest(dir: string): Promise<ExportManifest> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
}

describe('exportRecords', () => {
  test('writes every kind in the generate layout; loadRecords reads each back unchanged', async () => {
    const dir = join(root, 'head');
    const result = await exportRecords(store, dir, { asOf: AS_OF });
    expect(result.seq).toBe(seqBefore);
    expect((await readdir(dir)).sort()).toEqual([...FILES, 'manifest.json'].sort());
    const manifest = await readManifest(dir);
    expect(manifest).toMatchObject({
      format: 'finmatch.export',
      formatVersion: 1,
      seq: seqBefore,
      backend: 'pglite',
      asOf: AS_OF,
    });
    expect(Number.isNaN(Date.parse(manifest.exportedAt))).toBe(false);
    const parts = [
      ['enterprise', market.enterprises],
      ['product', market.products],
      ['institution', market.institutions],
      ['chain', market.chains],
      ['zone', market.zones],
      ['investor', market.investors],
      ['project', market.projects],
      ['interaction', market.interactions],
    ] as const;
    for (const [kind, records] of parts) {
      const { file, part } = EXPORT_FILES[kind];
      expect(manifest.counts[part], kind).toBe(records.length);
      const loaded = await loadRecords(kind as RecordKind, join(dir, file), { locale: 'en' });
      expect(loaded.errors, kind).toEqual([]);
      expect(plain(loaded.records), kind).toEqual(plain([...records].sort(byId)));
    }
  });

  test('exports the records as they were at a seq; later writes do not leak in', async () => {
    const [first, second] = market.enterprises;
    const changed = { ...first!, name: `${first!.name} (renamed)` };
    const added = { ...second!, id: 'ent-export-added' };
    await store.write([
      { kind: 'enterprise', id: changed.id, body: changed },
      { kind: 'enterprise', id: second!.id, body: null },
      { kind: 'enterprise', id: added.id, body: added },
    ]);
    const old = await exportRecords(store, join(root, 'old'), { seq: seqBefore });
    const now = await exportRecords(store, join(root, 'now'));
    expect(now.seq).toBe(seqBefore + 3);
    const read = async (dir: string) =>
      (await loadRecords('enterprise', join(dir, 'enterprises.jsonl'))).records;
    expect(plain(await read(join(root, 'old')))).toEqual(plain([...market.enterprises].sort(byId)));
    const current = await read(join(root, 'now'));
    expect(current.map((e) => e.id)).toEqual(
      [...market.enterprises.filter((e) => e.id !== second!.id), added].sort(byId).map((e) => e.id),
    );
    expect(current.find((e) => e.id === changed.id)?.name).toBe(changed.name);
    expect(old.manifest.counts.enterprises).toBe(market.enterprises.length);
    expect(now.manifest.counts.enterprises).toBe(market.enterprises.length);
    expect((await readManifest(join(root, 'old'))).asOf).toBeUndefined();
    await expect(exportRecords(store, join(root, 'x'), { seq: now.seq + 1 })).rejects.toThrow(
      /after the head/,
    );
    await expect(exportRecords(store, join(root, 'x'), { asOf: '2026-02-30' })).rejects.toThrow(
      /real date/,
    );
  });

  test('a failed or aborted export keeps the previous export and leaves no temporary file', async () => {
    const dir = join(root, 'atomic');
    await exportRecords(store, dir, { seq: seqBefore });
    const before = new Map(
      await Promise.all(
        (await readdir(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const),
      ),
    );
    // A store that fails while the enterprises (the fifth kind) are being read.
    const failing: Pick<Store, 'backend' | 'headSeq' | 'recordsAsOf'> = {
      backend: 'pglite',
      headSeq: () => store.headSeq(),
      async *recordsAsOf(seq, options) {
        if (options?.kinds?.includes('enterprise')) {
          let pages = 0;
          for await (const page of store.recordsAsOf(seq, { ...options, pageSize: 50 })) {
            if (++pages > 2) throw new Error('connection lost');
            yield page;
          }
        } else yield* store.recordsAsOf(seq, options);
      },
    };
    await expect(exportRecords(failing, dir)).rejects.toThrow('connection lost');
    const controller = new AbortController();
    const aborted = exportRecords(store, dir, {
      pageSize: 20,
      signal: controller.signal,
      onProgress: (kind, n) => {
        if (kind === 'product' && n >= 40) controller.abort(new Error('stop'));
      },
    });
    await expect(aborted).rejects.toThrow('stop');
    const after = await readdir(dir);
    expect(after.sort()).toEqual([...before.keys()].sort());
    for (const [file, text] of before) expect(await readFile(join(dir, file), 'utf8')).toBe(text);
  });

  test('finmatch sweep reads an export and ranks exactly as on the generated files', async () => {
    const exported = join(root, 'sweep-export');
    await exportRecords(store, exported, { seq: seqBefore, asOf: AS_OF });
    const generated = join(root, 'sweep-generated');
    await writeMarket(
      {
        ...market,
        manifest: {
          ...market.manifest,
          counts: {
            ...market.manifest.counts,
            enterprises: market.enterprises.length,
            interactions: market.interactions.length,
          },
        },
      },
      generated,
    );
    const sweep = async (dir: string) => {
      const out = join(dir, 'top.jsonl');
      const files = ['institutions', 'chains', 'zones', 'interactions'].flatMap((f) => [
        `--${f}`,
        join(dir, `${f}.jsonl`),
      ]);
      const { code, stderr } = await run([
        'sweep',
        '--enterprises',
        join(dir, 'enterprises.jsonl'),
        '--products',
        join(dir, 'products.jsonl'),
        ...files,
        '--out',
        out,
        '--k',
        '5',
        '--threads',
        '0',
      ]);
      expect(code, stderr).toBe(0);
      return readFile(out, 'utf8');
    };
    const fromExport = await sweep(exported);
    expect(fromExport.trim().split('\n')).toHaveLength(market.enterprises.length);
    expect(fromExport).toBe(await sweep(generated));
  }, 120_000);
});

describe('finmatch export', () => {
  let dbDir: string;
  beforeAll(async () => {
    dbDir = join(root, 'db');
    const disk = await openStore(dbDir);
    await disk.migrate();
    await disk.write(
      market.enterprises
        .slice(0, 20)
        .map((e) => ({ kind: 'enterprise' as const, id: e.id, body: plain([e])[0] })),
    );
    await disk.write(
      market.products
        .slice(0, 5)
        .map((p) => ({ kind: 'product' as const, id: p.id, body: plain([p])[0] })),
    );
    await disk.close();
  }, 60_000);

  test('exports a database directory (exit 0) with a table or JSON', async () => {
    const out = join(root, 'cli-out');
    const table = await run(['export', '--database', dbDir, '--out', out, '--as-of', AS_OF]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Exported change-log position 25 (pglite)');
    expect(table.stdout).toContain('enterprises.jsonl');
    const manifest = await readManifest(out);
    expect(manifest).toMatchObject({ seq: 25, asOf: AS_OF });
    expect(manifest.counts).toMatchObject({ enterprises: 20, products: 5, interactions: 0 });
    const json = await run([
      'export',
      '--database',
      dbDir,
      '--out',
      out,
      '--seq',
      '20',
      '--format',
      'json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const line = JSON.parse(json.stdout) as { manifest: ExportManifest; files: { file: string }[] };
    expect(line.manifest.seq).toBe(20);
    expect(line.manifest.counts).toMatchObject({ enterprises: 20, products: 0 });
    expect(line.files.map((f) => f.file)).toEqual([...FILES, 'manifest.json']);
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  test('usage errors exit 2 and create nothing', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const missing = join(root, 'no-such-db');
    const cases: [string[], RegExp][] = [
      [['--database', dbDir], /missing required option --out/],
      [['--out', join(root, 'u1')], /missing required option --database/],
      [['--database', 'memory:', '--out', join(root, 'u2')], /memory: is a new, empty database/],
      [['--database', missing, '--out', join(root, 'u3')], /no such directory/],
      [['--database', root, '--out', join(root, 'u4')], /not a finmatch database directory/],
      [['--database', 'mysql://x', '--out', join(root, 'u5')], /--database: .*not supported/],
      [['--database', dbDir, '--out', join(dbDir, 'inside')], /inside the database directory/],
      [['--database', dbDir, '--out', file], /exists and is not a directory/],
      [['--database', dbDir, '--out', join(root, 'u6'), '--seq=-1'], /--seq must be/],
      [['--database', dbDir, '--out', join(root, 'u7'), '--seq', 'x'], /--seq must be/],
      [
        ['--database', dbDir, '--out', join(root, 'u8'), '--seq', '99'],
        /after the latest change-log position of the database \(25\)/,
      ],
      [
        ['--database', dbDir, '--out', join(root, 'u9'), '--as-of', '2026-13-01'],
        /--as-of must be a real date/,
      ],
      [['--database', dbDir, '--out', join(root, 'u10'), 'extra'], /unexpected argument/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(['export', ...args, '--locale', 'en']);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
    expect(existsSync(missing)).toBe(false);
    for (let i = 1; i <= 10; i++) {
      const dir = join(root, `u${i}`);
      expect(existsSync(dir), dir).toBe(false);
    }
  }, 60_000);

  test('an unreachable PostgreSQL server is a failed read (exit 3)', async () => {
    const { code, stderr } = await run([
      'export',
      '--database',
      'postgres://finmatch:secret@127.0.0.1:1/finmatch',
      '--out',
      join(root, 'pg-out'),
    ]);
    expect(stderr).not.toContain('secret');
    expect(code, stderr).toBe(3);
  }, 60_000);
});
