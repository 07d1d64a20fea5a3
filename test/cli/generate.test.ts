import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/generate/index.js';
import {
  TRUTH_FILES,
  type EnterpriseProductTruthRecord,
  type ProjectInvestorTruthRecord,
} from '../../src/generate/truth-file.js';
import { MARKET_FILES } from '../../src/io/write.js';
import { run } from './helpers.js';

describe('finmatch generate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-generate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every file with the counts of the manifest, byte-identical for the same seed, and the files validate', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const first = await run(['generate', '--out', a, '--seed', '7', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect((await run(['generate', '--out', b, '--seed', '7'])).code).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      manifest: { counts: Record<string, number>; seed: number };
      files: { file: string; records: number }[];
    };
    expect(summary.manifest.seed).toBe(7);
    const files = await readdir(a);
    for (const [part, file] of MARKET_FILES) {
      expect(files).toContain(file);
      const text = await readFile(join(a, file), 'utf8');
      expect(text.split('\n').length - 1, file).toBe(summary.manifest.counts[part]);
      expect(await readFile(join(b, file), 'utf8'), file).toBe(text);
    }
    expect(JSON.parse(await readFile(join(a, 'manifest.json'), 'utf8'))).toEqual(summary.manifest);
    for (const file of Object.values(TRUTH_FILES)) {
      expect(summary.files.map((f) => f.file)).toContain(file);
      expect(await readFile(join(b, file), 'utf8'), file).toBe(
        await readFile(join(a, file), 'utf8'),
      );
    }
    for (const [file, kind] of [
      ['enterprises.jsonl', 'enterprise'],
      ['products.jsonl', 'product'],
      ['investors.jsonl', 'investor'],
      ['zones.jsonl', 'zone'],
    ]) {
      const checked = await run(['validate', join(a, file!), '--kind', kind!, '--format', 'json']);
      expect(checked.stdout.trim().split('\n').at(-1), file).toBe(
        JSON.stringify({ valid: summary.manifest.counts[file!.replace('.jsonl', '')], invalid: 0 }),
      );
      expect(checked.code).toBe(0);
    }
  });

  it('writes the hidden truth, which reads back as the API’s truth', async () => {
    const out = join(dir, 'truth');
    const { code, stderr } = await run(['generate', '--out', out, '--seed', '3']);
    expect(code, stderr).toBe(0);
    const market = generateMarket({ seed: 3, scale: 'small' });
    const lines = async <T>(file: string): Promise<T[]> =>
      (await readFile(join(out, file), 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as T);

    const ep = await lines<EnterpriseProductTruthRecord>(TRUTH_FILES.enterpriseProduct);
    expect(ep.map((r) => r.enterpriseId)).toEqual(market.enterprises.map((e) => e.id));
    let listed = 0;
    for (const [i, record] of ep.entries()) {
      for (const [productId, fit] of Object.entries(record.fits)) {
        listed++;
        expect(fit).toBeGreaterThan(0);
        expect(fit).toBeLessThanOrEqual(1);
        // Exactly the API's value (JSON keeps every digit of a double).
        expect(fit).toBe(market.truth.enterpriseProduct(record.enterpriseId, productId));
      }
      // A product left out has fit 0 (checked on a sample of enterprises).
      if (i % 50 === 0)
        for (const p of market.products)
          if (!(p.id in record.fits))
            expect(market.truth.enterpriseProduct(record.enterpriseId, p.id)).toBe(0);
    }
    expect(listed).toBeGreaterThan(market.enterprises.length);

    const pi = await lines<ProjectInvestorTruthRecord>(TRUTH_FILES.projectInvestor);
    expect(pi.map((r) => r.projectId)).toEqual(market.projects.map((p) => p.id));
    for (const record of pi) {
      for (const investor of market.investors)
        expect(record.fits[investor.id] ?? 0).toBe(
          market.truth.projectInvestor(record.projectId, investor.id),
        );
    }

    const skipped = join(dir, 'no-truth');
    expect((await run(['generate', '--out', skipped, '--no-truth'])).code).toBe(0);
    const files = await readdir(skipped);
    for (const file of Object.values(TRUTH_FILES)) expect(files).not.toContain(file);
  });

  it('documents the truth files in its help', async () => {
    const { code, stdout } = await run(['generate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('truth-enterprise-product.jsonl');
    expect(stdout).toContain('truth-project-investor.jsonl');
  });

  it('prints a table summary and progress on stderr only', async () => {
    const { code, stdout, stderr } = await run(['generate', '-o', join(dir, 'c')]);
    expect(code).toBe(0);
    expect(stdout).toContain('enterprises.jsonl');
    expect(stdout).toContain('manifest.json');
    expect(stdout).toContain(TRUTH_FILES.enterpriseProduct);
    // Progress goes to stderr only, and never as a "done" line for work that printed nothing.
    expect(stdout).not.toMatch(/\d+% \(/);
    expect(stderr).not.toMatch(/: done \(/);
  });

  it('exits 2 on a missing --out, a bad seed, scale or date', async () => {
    for (const argv of [
      ['generate'],
      ['generate', '--out', dir, '--seed', '-1'],
      ['generate', '--out', dir, '--seed', '1.5'],
      ['generate', '--out', dir, '--scale', 'huge'],
      ['generate', '--out', dir, '--as-of', '2026-02-30'],
      ['generate', '--out', dir, 'extra'],
    ]) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr.split('\n')[0]).toMatch(/^finmatch generate: /);
    }
  });
});
