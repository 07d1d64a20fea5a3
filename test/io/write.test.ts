import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinmatchError, OptionError } from '../../src/errors.js';
import type { Market } from '../../src/generate/types.js';
import { parseRecordsText } from '../../src/io/read.js';
import {
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
