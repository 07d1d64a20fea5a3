import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError, OptionError, ValidationError } from '../../src/errors.js';
import { generateMarket } from '../../src/generate/index.js';
import type { Market } from '../../src/generate/types.js';
import { loadMarket } from '../../src/io/load-market.js';
import { writeMarket } from '../../src/io/write.js';

const market: Market = generateMarket({ seed: 3, scale: 'small' });
const { truth: _truth, ...written } = market;

describe('loadMarket', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-load-market-'));
    await writeMarket(market, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back exactly what writeMarket wrote (every part and the manifest)', async () => {
    const loaded = await loadMarket(dir);
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(written).sort());
    expect(loaded).toEqual(written);
  });

  it('reports progress per part, ending with every record', async () => {
    const seen: string[] = [];
    let last = 0;
    await loadMarket(dir, { onProgress: (n, part) => ((last = n), seen.push(part)) });
    expect(seen).toHaveLength(8);
    expect(last).toBe(Object.values(market.manifest.counts).reduce((a, b) => a + b, 0));
  });

  it('reports every bad record of every file, with id, path and file:line', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'finmatch-load-market-bad-'));
    try {
      await writeMarket(market, bad);
      const products = (await readFile(join(bad, 'products.jsonl'), 'utf8')).split('\n');
      const p0 = JSON.parse(products[0]!) as Record<string, unknown>;
      const p2 = JSON.parse(products[2]!) as Record<string, unknown>;
      products[0] = JSON.stringify({ ...p0, amount: { min: 5, max: 1 } });
      products[2] = JSON.stringify({ ...p2, colateral: [] });
      await writeFile(join(bad, 'products.jsonl'), products.join('\n'));
      const zones = (await readFile(join(bad, 'zones.jsonl'), 'utf8')).split('\n');
      zones[0] = '{not json';
      await writeFile(join(bad, 'zones.jsonl'), zones.join('\n'));

      const error = await loadMarket(bad, { locale: 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues;
      expect((error as ValidationError).kind).toBe('market');
      const amount = issues.find((i) => i.recordId === p0.id && i.path.startsWith('amount'));
      expect(amount?.message).toMatch(/^products\.jsonl:1: /);
      const typo = issues.find((i) => i.recordId === p2.id);
      expect(typo?.message).toMatch(/^products\.jsonl:3: /);
      expect(issues.some((i) => i.message.startsWith('zones.jsonl:1: '))).toBe(true);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('checks the manifest: counts must match the files', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'finmatch-load-market-manifest-'));
    try {
      await writeMarket(market, bad);
      const manifest = JSON.parse(
        await readFile(join(bad, 'manifest.json'), 'utf8'),
      ) as Market['manifest'];
      manifest.counts.chains += 1;
      for (const asOf of ['soon', '2026-02-30']) {
        await writeFile(join(bad, 'manifest.json'), JSON.stringify({ ...manifest, asOf }));
        const error = (await loadMarket(bad, { locale: 'zh' }).catch(
          (e: unknown) => e,
        )) as ValidationError;
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.issues.map((i) => i.path).sort()).toEqual(['manifest.asOf']);
      }
      // The counts are not compared once the manifest itself is invalid; fix asOf and they are.
      await writeFile(join(bad, 'manifest.json'), JSON.stringify(manifest));
      const again = (await loadMarket(bad).catch((e: unknown) => e)) as ValidationError;
      expect(again.issues).toHaveLength(1);
      expect(again.issues[0]).toMatchObject({
        path: 'manifest.counts.chains',
        expected: String(market.manifest.counts.chains + 1),
        received: String(market.manifest.counts.chains),
      });
      expect(again.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('a missing directory or file is a FileError naming it; bad arguments are OptionErrors', async () => {
    const missing = join(dir, 'nope');
    const error = (await loadMarket(missing).catch((e: unknown) => e)) as FileError;
    expect(error).toBeInstanceOf(FileError);
    expect(error.systemCode).toBe('ENOENT');
    expect(error.path).toBe(join(missing, 'manifest.json'));
    await expect(loadMarket('')).rejects.toBeInstanceOf(OptionError);
    await expect(loadMarket(dir, { locale: 'fr' as never })).rejects.toBeInstanceOf(OptionError);
  });
});
