import {
  chmod,
  lstat,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinmatchError, OptionError } from '../../src/errors.js';
import type { Market } from '../../src/generate/types.js';
import { removePendingTemporaries } from '../../src/io/pending.js';
import { parseRecordsText } from '../../src/io/read.js';
import {
  atomicTarget,
  JSONL_WRITE_CHUNK_CHARS,
  MARKET_FILES,
  writeJsonl,
  writeMarket,
} from '../../src/io/write.js';
import { validEnterprise } from './fixtures.js';

function tinyMarket(): Market {
  const enterprises = [
    validEnterprise('E1'),
    validEnterprise('E2'),
  ] as unknown as Market['enterprises'];
  const zones = [
    {
      id: 'Z1',
      name: '先进制造业集群专区',
      kind: 'advancedManufacturingCluster',
      sectors: [],
      regions: [],
      productIds: [],
      text: '',
    },
  ] as unknown as Market['zones'];
  return {
    manifest: {
      generator: 'test',
      version: '0.0.0',
      seed: 1,
      scale: 'small',
      asOf: '2026-06-30',
      counts: {
        enterprises: 2,
        institutions: 0,
        products: 0,
        projects: 0,
        investors: 0,
        interactions: 0,
        chains: 0,
        zones: 1,
      },
    },
    enterprises,
    institutions: [],
    products: [],
    projects: [],
    investors: [],
    interactions: [],
    chains: [],
    zones,
    truth: { enterpriseProduct: () => 0, projectInvestor: () => 0 },
  };
}

describe('writeJsonl', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-write-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one line per record, \\n-terminated, across several chunks', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({
      id: `E${i}`,
      name: '专精特新'.repeat(10),
    }));
    const path = join(dir, 'many.jsonl');
    const progress: number[] = [];
    const result = await writeJsonl(path, records, { onProgress: (n) => progress.push(n) });
    const text = await readFile(path, 'utf8');
    expect(result).toEqual({ records: 30_000, bytes: Buffer.byteLength(text) });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
    expect(parseRecordsText(text, 'jsonl').rows).toEqual(records);
    expect(text.length).toBeGreaterThan(JSONL_WRITE_CHUNK_CHARS);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(30_000);
  });

  it('accepts async iterables and writes an empty file for no records', async () => {
    async function* gen() {
      yield { a: 1 };
      yield { b: '二' };
    }
    const path = join(dir, 'async.jsonl');
    await writeJsonl(path, gen());
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"b":"二"}\n');
    await writeJsonl(join(dir, 'empty.jsonl'), []);
    expect(await readFile(join(dir, 'empty.jsonl'), 'utf8')).toBe('');
  });

  it('fails cleanly on a record that cannot be serialised, leaving no file behind', async () => {
    const path = join(dir, 'bad.jsonl');
    await expect(writeJsonl(path, [{ ok: 1 }, { n: 1n }])).rejects.toBeInstanceOf(FinmatchError);
    await expect(writeJsonl(path, [undefined])).rejects.toThrow(/record 0/);
    expect((await readdir(dir)).filter((f) => f.startsWith('bad.jsonl'))).toEqual([]);
  });
});

describe('writeMarket', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-market-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every file plus the manifest, byte-identical on a second write', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'nested', 'b');
    const result = await writeMarket(tinyMarket(), a);
    await writeMarket(tinyMarket(), b);
    const expected = [...MARKET_FILES.map(([, f]) => f), 'manifest.json'];
    expect(result.files.map((f) => f.file)).toEqual(expected);
    expect((await readdir(a)).sort()).toEqual([...expected].sort());
    for (const file of expected) {
      expect(await readFile(join(b, file)), file).toEqual(await readFile(join(a, file)));
    }
    const manifest = await readFile(join(a, 'manifest.json'), 'utf8');
    expect(JSON.parse(manifest)).toEqual(tinyMarket().manifest);
    expect(manifest.endsWith('}\n')).toBe(true);
    expect(await readFile(join(a, 'institutions.jsonl'), 'utf8')).toBe('');
    expect(result.files.find((f) => f.file === 'enterprises.jsonl')?.records).toBe(2);
  });

  it('reports progress up to the total', async () => {
    const seen: [number, number][] = [];
    await writeMarket(tinyMarket(), join(dir, 'p'), {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen.at(-1)).toEqual([3, 3]);
  });

  it('rejects something that is not a market, or counts that disagree', async () => {
    await expect(writeMarket(null as never, dir)).rejects.toBeInstanceOf(OptionError);
    const m = tinyMarket();
    m.manifest.counts.enterprises = 5;
    await expect(writeMarket(m, join(dir, 'x'))).rejects.toThrow(/counts.enterprises is 5/);
    const n = tinyMarket() as unknown as Record<string, unknown>;
    delete n.chains;
    await expect(writeMarket(n as unknown as Market, join(dir, 'y'))).rejects.toThrow(
      /market.chains/,
    );
  });
});

describe('atomicTarget', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-atomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes through a symbolic link: the link stays a link, its target replaced, its permissions kept', async () => {
    const real = join(dir, 'real.jsonl');
    const link = join(dir, 'link.jsonl');
    await writeFile(real, 'old\n');
    await chmod(real, 0o640);
    await symlink(real, link);
    await writeJsonl(link, [{ id: 'a' }]);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    // A read-only file too: its mode is set once the new content is flushed.
    await chmod(real, 0o444);
    const target = await atomicTarget(link);
    await writeFile(target.writePath, '{"id":"b"}\n');
    await target.commit({ durable: true });
    expect((await stat(real)).mode & 0o777).toBe(0o444);
    await chmod(real, 0o640);
    await writeJsonl(link, [{ id: 'a' }]);
    expect(await readFile(real, 'utf8')).toBe('{"id":"a"}\n');
    expect((await stat(real)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says whether the path existed (a discarded write leaves it as it was, or absent)', async () => {
    const out = join(dir, 'existed.jsonl');
    const before = await atomicTarget(out);
    expect(before.existed).toBe(false);
    await before.discard();
    await writeFile(out, 'kept\n');
    const after = await atomicTarget(out);
    expect(after.existed).toBe(true);
    await after.discard();
    expect(await readFile(out, 'utf8')).toBe('kept\n');
  });

  it('writes paths under /dev and /proc in place, whatever they point to', async () => {
    for (const path of ['/dev/null', '/dev/stdout', '/proc/self/fd/1']) {
      const target = await atomicTarget(path);
      expect(target.existed, path).toBe(true);
      expect(target.inPlace, path).toBe(true);
      expect(target.writePath).toBe(path);
    }
  });

  it('holds its temporary file until it commits or discards; a signal handler can remove it', async () => {
    const out = join(dir, 'pending.jsonl');
    await writeFile(out, 'kept\n');
    const first = await atomicTarget(out);
    await writeFile(first.writePath, 'partial');
    removePendingTemporaries();
    expect((await readdir(dir)).filter((f) => f.startsWith('pending.jsonl.'))).toEqual([]);
    expect(await readFile(out, 'utf8')).toBe('kept\n');
    const second = await atomicTarget(out);
    await writeFile(second.writePath, 'new\n');
    await second.commit({ durable: true });
    removePendingTemporaries();
    expect(await readFile(out, 'utf8')).toBe('new\n');
    const third = await atomicTarget(out);
    await writeFile(third.writePath, 'dropped');
    expect(await third.discard()).toBe(true);
    expect(await readFile(out, 'utf8')).toBe('new\n');
    expect((await readdir(dir)).filter((f) => f.startsWith('pending.jsonl.'))).toEqual([]);
  });
});
