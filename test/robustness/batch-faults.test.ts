/**
 * Batch integrity: a sweep never reports success after losing a result, never hangs, and
 * rejects every option value it cannot honour with an OptionError naming it.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { OptionError } from '../../src/errors.js';
import { MAX_SHARDS, parseShard, selectShard, shardOf } from '../../src/batch/shard.js';
import { sweep } from '../../src/batch/sweep.js';
import { MAX_SWEEP_THREADS, MAX_SWEEP_WORKER_IDLE_MS } from '../../src/batch/sweep-options.js';
import { generateMarket } from '../../src/generate/index.js';
import { run } from '../cli/helpers.js';
import {
  FEW_ENTERPRISES as FEW,
  writeSmallMarket,
  type WrittenMarket,
} from '../cli/matching-market.js';

const market = generateMarket({ seed: 2, scale: 'small' });
const asOf = market.manifest.asOf;
const drain = async (it: AsyncIterable<unknown>) => {
  let n = 0;
  for await (const _ of it) n++;
  return n;
};

/** The built CLI (`npm test` builds first): signals reach a process of its own. */
const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

describe('sweep options', () => {
  const few = market.enterprises.slice(0, 5);
  const bad: [string, Record<string, unknown>, string][] = [
    ['batchSize NaN', { batchSize: NaN }, 'batchSize'],
    ['batchSize as a string', { batchSize: '100' }, 'batchSize'],
    ['batchSize 1.5', { batchSize: 1.5 }, 'batchSize'],
    ['batchSize 0', { batchSize: 0 }, 'batchSize'],
    ['threads 0.5', { threads: 0.5 }, 'threads'],
    ['threads above the cores', { threads: MAX_SWEEP_THREADS + 1 }, 'threads'],
    ['threads negative', { threads: -1 }, 'threads'],
    ['k 2³²', { k: 2 ** 32 }, 'k'],
    ['k 1e308', { k: 1e308 }, 'k'],
    ['k 0', { k: 0 }, 'k'],
    ['a typo', { asof: asOf }, 'asof'],
    ['ordered as a string', { ordered: 'yes' }, 'ordered'],
    ['onProgress not a function', { onProgress: 3 }, 'onProgress'],
    // On every thread the machine has: a bad date must not first be met by a sweeping thread.
    ['asOf missing', { asOf: undefined, threads: MAX_SWEEP_THREADS }, 'asOf'],
    ['asOf not a date', { asOf: '2026-13-01', threads: MAX_SWEEP_THREADS }, 'asOf'],
    ['workerIdleMs negative', { workerIdleMs: -1 }, 'workerIdleMs'],
    ['workerIdleMs 0.5', { workerIdleMs: 0.5 }, 'workerIdleMs'],
    ['workerIdleMs as a string', { workerIdleMs: '1000' }, 'workerIdleMs'],
    ['workerIdleMs over an hour', { workerIdleMs: MAX_SWEEP_WORKER_IDLE_MS + 1 }, 'workerIdleMs'],
  ];
  for (const [name, options, option] of bad) {
    test(name, async () => {
      const error = await drain(sweep(few, market.products, { asOf, ...options } as never)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OptionError);
      expect((error as OptionError).option).toBe(option);
    });
  }
  test('a typo names the option meant', async () => {
    const error = await drain(sweep(few, market.products, { asOf, Threads: 1 } as never)).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/did you mean "threads"/);
  });
});

describe('sweep workers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finmatch-faults-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  // A worker needs a second thread: `threads: 1` sweeps on the calling thread alone.
  test.skipIf(MAX_SWEEP_THREADS < 2)(
    'a worker that exits without finishing fails the sweep instead of hanging',
    async () => {
      const worker = join(dir, 'dies.cjs');
      await writeFile(worker, 'process.exit(3);\n');
      const error = await drain(
        // Chunks of 10, so the worker is handed some before this thread could rank them all.
        sweep(market.enterprises.slice(0, 50), market.products, {
          asOf,
          threads: 2,
          batchSize: 10,
          workerPath: worker,
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/exited \(code 3\) before finishing its shard/);
    },
    30_000,
  );
});

describe('shards', () => {
  test('one 0-based notation; the shards partition the ids, each exactly once', () => {
    expect(parseShard('0/8')).toEqual({ index: 0, count: 8 });
    expect(parseShard('7/8')).toEqual({ index: 7, count: 8 });
    for (const text of ['8/8', '1/0', '-1/2', 'a/b', '3', `0/${MAX_SHARDS + 1}`, ''])
      expect(() => parseShard(text), text).toThrow(OptionError);
    expect(() => parseShard(null as never)).toThrow(OptionError);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 200 }),
        fc.integer({ min: 1, max: 12 }),
        (ids, n) => {
          const seen = new Map<string, number>();
          for (let i = 0; i < n; i++)
            for (const id of selectShard(ids, i, n)) seen.set(id, (seen.get(id) ?? 0) + 1);
          expect([...seen.keys()].sort()).toEqual([...ids].sort());
          expect([...seen.values()].every((c) => c === 1)).toBe(true);
          for (const id of ids) expect(shardOf(id, n)).toBeLessThan(n);
        },
      ),
    );
  });
});

describe('finmatch sweep and rank: nothing lost, nothing silent', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });
  const sweepTo = (out: string, ...extra: string[]) =>
    run([
      'sweep',
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--out',
      out,
      ...(extra.includes('--threads') ? [] : ['--threads', '0']),
      ...extra,
    ]);

  /** `finmatch rank` of the enterprises in `file` against the market's products, in English. */
  const rankFile = (file: string, ...extra: string[]) =>
    run([
      'rank',
      '--enterprises',
      file,
      '--products',
      m.file('products.jsonl'),
      '--locale',
      'en',
      ...extra,
    ]);

  test('--out a directory or a missing folder (exit 2), a full disk (exit 3): never success', async () => {
    for (const [out, exit] of [
      [m.dir, 2],
      [join(m.dir, 'no', 'such', 'dir', 'x.jsonl'), 2],
      ['/dev/full', 3],
    ] as const) {
      const { code, stderr } = await sweepTo(out);
      expect(code, `${out}: ${stderr}`).toBe(exit);
      expect(stderr).not.toMatch(/internal error/);
      expect(stderr).not.toMatch(/sweeping[^\n]*done/);
    }
  });

  test('--threads beyond the cores and a 1-based shard are usage errors naming the flag', async () => {
    const threads = await sweepTo(
      join(m.dir, 'a.jsonl'),
      '--threads',
      String(MAX_SWEEP_THREADS + 1),
    );
    expect(threads.code).toBe(2);
    expect(threads.stderr).toMatch(/--threads/);
    const shard = await sweepTo(join(m.dir, 'b.jsonl'), '--shard', '8/8');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--shard/);
  });

  test('the CLI writes the API record shape', async () => {
    const out = join(m.dir, 'shape.jsonl');
    const { code, stderr } = await sweepTo(out, '--k', '3', '--contributions');
    expect(code, stderr).toBe(0);
    const first = JSON.parse((await readFile(out, 'utf8')).split('\n')[0]!);
    expect(Object.keys(first).sort()).toEqual(['enterpriseId', 'matches']);
    expect(Object.keys(first.matches[0]).sort()).toEqual([
      'contributions',
      'productId',
      'rank',
      'score',
    ]);
  });

  test('rank exits 1 after skipping a bad record, and still ranks the good ones', async () => {
    const lines = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n');
    const file = join(m.dir, 'one-bad.jsonl');
    const bad = JSON.parse(lines[0]!);
    bad.employees = -5;
    await writeFile(file, [JSON.stringify(bad), ...lines.slice(1)].join('\n') + '\n');
    const { code, stdout, stderr } = await rankFile(file, '--format', 'json');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(lines.length - 1);
    expect(stderr).toMatch(/1 invalid input record was skipped/);
  });

  test('a bad record whose id is empty or holds a line break is reported on one line, its id quoted', async () => {
    const lines = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n');
    const file = join(m.dir, 'odd-ids.jsonl');
    const empty = { ...JSON.parse(lines[0]!), id: '' };
    const broken = { ...JSON.parse(lines[1]!), id: 'ent-a\nb' };
    await writeFile(file, [empty, broken].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const { code, stderr } = await rankFile(file);
    expect(code).not.toBe(0);
    const reports = stderr.split('\n').filter((l) => l.startsWith('odd-ids.jsonl:'));
    expect(reports.some((l) => l.startsWith('odd-ids.jsonl:1 "" id: '))).toBe(true);
    expect(reports.some((l) => l.startsWith('odd-ids.jsonl:2 "ent-a\\nb" id: '))).toBe(true);
    // No report line is cut by the id: each names a file and line.
    expect(stderr).not.toMatch(/^b id:/m);
  });

  test('record text cannot reach the terminal raw', async () => {
    const lines = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n');
    const file = join(m.dir, 'escape.jsonl');
    const hostile = JSON.parse(lines[1]!);
    hostile.name = 'evil\u001b[2J\u202Ename';
    hostile.employees = 'many';
    await writeFile(file, [lines[0], JSON.stringify(hostile)].join('\n') + '\n');
    const { stdout, stderr } = await rankFile(file);
    // eslint-disable-next-line no-control-regex
    expect(stdout + stderr).not.toMatch(/[\u001b\u202E]/);
  });

  describe('records the matchers refuse for their references or dates: each reported and skipped, the others processed, exit 1', () => {
    /** few-enterprises.jsonl with three enterprises the matchers refuse (lines 2, 6 and 10). */
    let file: string;
    let goodIds: string[];
    const refused = new Map<number, { path: string; change: (e: Record<string, unknown>) => void }>(
      [
        [1, { path: 'foundedYear', change: (e) => (e.foundedYear = 2031) }],
        [5, { path: 'zones[0]', change: (e) => (e.zones = ['zone-nowhere']) }],
        [
          9,
          {
            path: 'srdi.certifiedOn',
            change: (e) => (e.srdi = { tier: 'srdi', certifiedOn: '2027-01-05', ruleSet: '2022' }),
          },
        ],
      ],
    );
    beforeAll(async () => {
      const lines = (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n');
      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const [i, { change }] of refused) change(records[i]!);
      goodIds = records.filter((_, i) => !refused.has(i)).map((r) => r.id as string);
      file = join(m.dir, 'refused.jsonl');
      await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    });
    const common = () => [
      '--enterprises',
      file,
      '--products',
      m.file('products.jsonl'),
      '--zones',
      m.file('zones.jsonl'),
      '--chains',
      m.file('chains.jsonl'),
      '--as-of',
      asOf,
      '--locale',
      'en',
    ];
    const expectReported = (stderr: string) => {
      for (const [i, { path }] of refused)
        expect(stderr).toMatch(
          new RegExp(
            `refused\\.jsonl:${i + 1} \\S+ ${path.replace(/[[\].]/g, '\\$&')}: .*\\(skipped\\)`,
          ),
        );
      expect(stderr).toMatch(/refused\.jsonl: 3 bad records skipped/);
    };

    test('rank', async () => {
      const { code, stdout, stderr } = await run(['rank', ...common(), '--format', 'json']);
      expect(code, stderr).toBe(1);
      expectReported(stderr);
      expect(
        stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).enterpriseId),
      ).toEqual(goodIds);
    });

    test('prospect', async () => {
      const product = m.market.products[0]!.id;
      const { code, stdout, stderr } = await run([
        'prospect',
        ...common(),
        '--id',
        product,
        '--k',
        '100',
        '--format',
        'json',
      ]);
      expect(code, stderr).toBe(1);
      expectReported(stderr);
      const ranked = stdout
        .trim()
        .split('\n')
        .flatMap((l) =>
          (JSON.parse(l).matches as { enterpriseId: string }[]).map((x) => x.enterpriseId),
        );
      for (const id of ranked) expect(goodIds).toContain(id);
    });

    test.each(['0', '2'])('sweep (--threads %s)', async (threads) => {
      const out = join(m.dir, `refused-${threads}.jsonl`);
      const { code, stderr } = await run([
        'sweep',
        ...common(),
        '--out',
        out,
        '--threads',
        threads,
      ]);
      expect(code, stderr).toBe(1);
      expectReported(stderr);
      const swept = (await readFile(out, 'utf8')).trim().split('\n');
      expect(swept.map((l) => JSON.parse(l).enterpriseId)).toEqual(goodIds);
    });
  });

  describe('a product skipped for its references takes with it the products combining with it', () => {
    let products: string;
    let combining: string;
    let stray: string;
    beforeAll(async () => {
      const all = m.market.products;
      const a = all.find((p) => p.combinesWith.length > 0)!;
      stray = a.combinesWith[0]!;
      combining = a.id;
      const edited = all.map((p) => (p.id === stray ? { ...p, institutionId: 'inst-nowhere' } : p));
      products = join(m.dir, 'stray-products.jsonl');
      await writeFile(products, edited.map((p) => JSON.stringify(p)).join('\n') + '\n');
    });
    const args = () => [
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--products',
      products,
      '--institutions',
      m.file('institutions.jsonl'),
      '--as-of',
      asOf,
      '--locale',
      'en',
    ];

    test.each(['rank', 'sweep'])(
      '%s: both reported and skipped, every enterprise ranked, exit 1',
      async (command) => {
        const out = join(m.dir, `stray-${command}.jsonl`);
        const { code, stdout, stderr } = await run([
          command,
          ...args(),
          ...(command === 'sweep' ? ['--out', out, '--threads', '0'] : ['--format', 'json']),
        ]);
        expect(code, stderr).toBe(1);
        expect(stderr).toMatch(new RegExp(`stray-products\\.jsonl:\\d+ ${stray} institutionId: `));
        expect(stderr).toMatch(
          new RegExp(`stray-products\\.jsonl:\\d+ ${combining} combinesWith\\[0\\]: `),
        );
        const lines = command === 'sweep' ? await readFile(out, 'utf8') : stdout;
        const ranked = lines
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(ranked).toHaveLength(FEW);
        for (const r of ranked)
          for (const x of r.matches) expect([stray, combining]).not.toContain(x.productId);
      },
    );

    test('prospect ranks one product at a time: a combination outside the file is not its concern', async () => {
      const file = join(m.dir, 'dangling-combination.jsonl');
      const all = m.market.products.map((p, i) =>
        i === 0 ? { ...p, combinesWith: ['prod-none'] } : p,
      );
      await writeFile(file, all.map((p) => JSON.stringify(p)).join('\n') + '\n');
      const { code, stdout, stderr } = await run([
        'prospect',
        '--enterprises',
        m.file('few-enterprises.jsonl'),
        '--products',
        file,
        '--as-of',
        asOf,
        '--format',
        'json',
        '--locale',
        'en',
      ]);
      expect(code, stderr).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(all.length);
    });
  });

  test('tune keeps the interactions after --as-of: they are judgments, scored, not history', async () => {
    const dates = m.market.interactions.map((i) => i.date).sort();
    const asOfEarlier = dates[Math.floor(dates.length * 0.9)]!;
    const split = dates[Math.floor(dates.length * 0.6)]!;
    expect(dates.filter((d) => d > asOfEarlier).length).toBeGreaterThan(0);
    const { stderr } = await run([
      'tune',
      '--enterprises',
      m.file('enterprises.jsonl'),
      '--products',
      m.file('products.jsonl'),
      '--interactions',
      m.file('interactions.jsonl'),
      '--as-of',
      asOfEarlier,
      '--split-date',
      split,
      '--locale',
      'en',
    ]);
    expect(stderr).not.toMatch(/interactions\.jsonl:\d+ /);
    expect(stderr).not.toMatch(/VALIDATION_FAILED|internal error/);
  }, 60_000);

  test('a sweep that writes nothing says so, and that an --out that did not exist was not created', async () => {
    const file = join(m.dir, 'none-valid.jsonl');
    await writeFile(file, '{"id":"ent-x"}\n{"id":"ent-y","employees":-1}\n');
    const out = join(m.dir, 'never.jsonl');
    const { code, stderr } = await run([
      'sweep',
      '--enterprises',
      file,
      '--products',
      m.file('products.jsonl'),
      '--out',
      out,
      '--locale',
      'en',
    ]);
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/before any enterprise was written: \S+never\.jsonl was not created/);
    expect(stderr).not.toMatch(/0 of 0/);
    expect((await readdir(m.dir)).filter((f) => f.startsWith('never.jsonl'))).toEqual([]);
  });

  test('a sweep writes --out whole or not at all: a finished one replaces it, leaving no temporary file', async () => {
    const out = join(m.dir, 'replaced.jsonl');
    await writeFile(out, 'yesterday\n');
    const { code, stderr } = await sweepTo(out, '--threads', '2');
    expect(code, stderr).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).enterpriseId)).toHaveLength(
      (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n').length,
    );
    expect((await readdir(m.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'a sweep on 2 threads interrupted by %s exits promptly (130/143/129), --out left as it was, no temporary file',
    async (signal) => {
      const dir = await mkdtemp(join(tmpdir(), 'finmatch-sweep-interrupt-'));
      try {
        const out = join(dir, 'top.jsonl');
        await writeFile(out, 'yesterday\n');
        const child = spawn(
          process.execPath,
          [
            CLI,
            'sweep',
            '--enterprises',
            m.file('enterprises.jsonl'),
            '--products',
            m.file('products.jsonl'),
            '--out',
            out,
            '--threads',
            '2',
            '--contributions',
            '--locale',
            'en',
          ],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<number | null>((resolve) =>
          child.on('close', (c) => resolve(c)),
        );
        // The temporary file is opened before the sweep starts: interrupt then.
        const deadline = Date.now() + 30_000;
        while (!(await readdir(dir)).some((f) => f.endsWith('.tmp')) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 10));
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const code = await exited;
        clearTimeout(timer);
        // Killed by the timer: the sweep hung (its workers kept the process alive). 'close'
        // waits for stderr to be read to its end, not only for the exit.
        expect(code, stderr).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
        expect(stderr).toMatch(new RegExp(`interrupted by ${signal}`));
        expect(stderr, stderr).toMatch(/was left as it was/);
        expect(await readFile(out, 'utf8')).toBe('yesterday\n');
        expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  test('--out /dev/stdout with stdout sent to a file writes through it (no temporary file in /dev)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'finmatch-sweep-stdout-'));
    try {
      const file = join(dir, 'redirected.jsonl');
      const fd = openSync(file, 'w');
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            CLI,
            'sweep',
            '--enterprises',
            m.file('few-enterprises.jsonl'),
            '--products',
            m.file('products.jsonl'),
            '--out',
            '/dev/stdout',
            '--quiet',
          ],
          { stdio: ['ignore', fd, 'ignore'] },
        );
        child.on('close', resolve);
      });
      closeSync(fd);
      expect(code).toBe(0);
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(
        (await readFile(m.file('few-enterprises.jsonl'), 'utf8')).trim().split('\n').length,
      );
      expect(JSON.parse(lines[0]!)).toHaveProperty('enterpriseId');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('sweep refuses to write over one of its inputs', async () => {
    const copy = join(m.dir, 'copy.jsonl');
    await writeFile(copy, await readFile(m.file('few-enterprises.jsonl'), 'utf8'));
    const before = await readFile(copy, 'utf8');
    const { code, stderr } = await run([
      'sweep',
      '--enterprises',
      copy,
      '--products',
      m.file('products.jsonl'),
      '--out',
      copy,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/就是 --enterprises 的输入文件，写入会毁掉它/);
    expect(await readFile(copy, 'utf8')).toBe(before);
  });

  test('an option given twice and a corrupt manifest are usage errors, not silent choices', async () => {
    const twice = await run([
      'validate',
      m.file('few-enterprises.jsonl'),
      '--kind',
      'enterprise',
      '--kind',
      'product',
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--kind 给出了 2 次，只能给一次/);
    const dir = join(m.dir, 'bad-manifest');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'manifest.json'), '{"asOf": "2099-13-45"}');
    await writeFile(join(dir, 'e.jsonl'), await readFile(m.file('few-enterprises.jsonl'), 'utf8'));
    await writeFile(join(dir, 'p.jsonl'), await readFile(m.file('products.jsonl'), 'utf8'));
    const corrupt = await run([
      'rank',
      '--enterprises',
      join(dir, 'e.jsonl'),
      '--products',
      join(dir, 'p.jsonl'),
    ]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(
      /manifest\.json：asOf 须为1800–2200 年间 YYYY-MM-DD 格式的真实日期/,
    );
  });

  test('an SRDI certificate dated after asOf is rejected like a founding year after it', async () => {
    const { createProductMatcher } = await import('../../src/index.js');
    const { ValidationError } = await import('../../src/errors.js');
    const matcher = createProductMatcher(market.products.slice(0, 20), { asOf });
    const e = market.enterprises.find((x) => x.srdi.tier !== 'none')!;
    const future = { ...e, srdi: { ...e.srdi, certifiedOn: '2099-01-01' } };
    const error = (() => {
      try {
        matcher.rankProducts(future);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as InstanceType<typeof ValidationError>).issues[0]).toMatchObject({
      recordId: e.id,
      path: 'srdi.certifiedOn',
      code: 'after_as_of',
    });
  });
});
