/**
 * Fuzzing every CLI command with arbitrary arguments: whatever a user types, the run ends with a
 * documented exit code (0 ok, 1 invalid data, 2 usage, 3 I/O), one message and no stack trace —
 * never `internal error` (exit 4), which is reserved for bugs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { openStore } from '../../src/serve/store/index.js';
import { run } from '../cli/helpers.js';
import { writeSmallMarket, type WrittenMarket } from '../cli/matching-market.js';

/**
 * Commands that generate or load a whole market are fuzzed elsewhere at small scale only;
 * `serve` runs until a signal (its arguments are tested in test/cli/serve.test.ts).
 */
const SKIPPED = new Set(['demo', 'generate', 'serve']);
const RUNS_PER_COMMAND = 12;

describe('CLI fuzz: only documented exit codes, never an internal error', () => {
  let m: WrittenMarket;
  let values: string[];
  let good: Record<string, string>;
  const codes: string[] = [];
  beforeAll(async () => {
    m = await writeSmallMarket();
    const junk = join(m.dir, 'junk');
    await mkdir(junk, { recursive: true });
    await writeFile(join(junk, 'garbage.jsonl'), '{"id": 1}\n\u0000\u00ff not json\n[1,2\n');
    await writeFile(join(junk, 'bom.csv'), '\ufeffid,name\n"x\n');
    await writeFile(join(junk, 'empty.json'), '');
    await writeFile(join(junk, 'profile.json'), '{"weights": {"sectorFit": 1e308}}');
    await writeFile(join(junk, 'spec.json'), '{"format": "finmatch.profile", "formatVersion": 2}');
    good = {
      enterprises: m.file('few-enterprises.jsonl'),
      products: m.file('products.jsonl'),
      projects: m.file('projects.jsonl'),
      investors: m.file('investors.jsonl'),
      kind: 'enterprise',
      enterprise: m.market.enterprises[0]!.id,
      product: m.market.products[0]!.id,
      interactions: m.file('interactions.jsonl'),
      out: join(m.dir, 'fuzz-out', 'out.txt'),
      database: join(m.dir, 'fuzz-db'),
    };
    // A small service database, so `export` gets past its argument checks.
    const store = await openStore(good.database);
    await store.migrate();
    await store.write(
      m.market.products.slice(0, 5).map((p) => ({ kind: 'product' as const, id: p.id, body: p })),
    );
    await store.close();
    await mkdir(join(m.dir, 'fuzz-out'), { recursive: true });
    values = [
      m.file('few-enterprises.jsonl'),
      m.file('products.jsonl'),
      m.file('projects.jsonl'),
      m.file('investors.jsonl'),
      m.file('interactions.jsonl'),
      m.file('institutions.jsonl'),
      m.file('chains.jsonl'),
      join(junk, 'garbage.jsonl'),
      join(junk, 'bom.csv'),
      join(junk, 'empty.json'),
      join(junk, 'profile.json'),
      join(junk, 'spec.json'),
      junk,
      join(junk, 'missing', 'file.jsonl'),
      '/dev/null',
      m.market.enterprises[0]!.id,
      m.market.products[0]!.id,
      m.market.projects[0]!.id,
      m.market.investors[0]!.id,
      '',
      '0',
      '-1',
      '3',
      '1.5',
      '1e308',
      'NaN',
      '2026-02-30',
      '2026-06-30',
      '0/2',
      '8/8',
      '\u001b[2J',
      '\u202Eevil',
      '中文',
      'a'.repeat(300),
    ];
  }, 60_000);
  afterAll(async () => {
    await m.cleanup();
  });

  for (const command of COMMANDS.filter((c) => !SKIPPED.has(c.name))) {
    test(
      command.name,
      async () => {
        const names = Object.keys(command.options);
        const option = fc.tuple(
          fc.constantFrom(...names),
          fc.oneof(
            fc.integer({ min: 0, max: 100 }).map((i) => values[i % values.length]!),
            fc.string({ maxLength: 12 }),
          ),
        );
        await fc.assert(
          fc.asyncProperty(
            fc.array(option, { maxLength: 5 }),
            fc.option(fc.string({ maxLength: 8 }), { freq: 5 }),
            async (options, positional) => {
              // Start from a run that works (required options given good values), then perturb
              // it, so the fuzz reaches the commands' work and not only argument checking.
              const argv = [command.name];
              if (command.name === 'validate') argv.push(good.enterprises!);
              if (positional !== null) argv.push(positional);
              for (const [name, spec] of Object.entries(command.options))
                if (spec.required || name in good)
                  argv.push(`--${name}`, good[name] ?? spec.choices?.[0] ?? '1');
              for (const [name, value] of options) {
                const spec = command.options[name]!;
                if (name === 'out' || name === 'report' || name === 'tried') {
                  argv.push(`--${name}`, join(m.dir, 'fuzz-out', `${name}.txt`));
                } else if (spec.type === 'boolean') argv.push(`--${name}`);
                else argv.push(`--${name}`, value);
              }
              const { code, stderr } = await run(argv);
              codes.push(`${command.name}:${code}`);
              expect([0, 1, 2, 3], `${argv.join(' ')}\n${stderr}`).toContain(code);
              expect(stderr, argv.join(' ')).not.toMatch(/internal error|内部错误/);
              expect(stderr, argv.join(' ')).not.toMatch(/\n\s+at .+:\d+:\d+/);
            },
          ),
          { numRuns: RUNS_PER_COMMAND, seed: 11 },
        );
      },
      240_000,
    );
  }

  test('the fuzz reached past argument checking for every command', () => {
    // Some runs of each command must have got past usage errors, or the fuzz tested nothing
    // (evaluate needs run and judgment files and tune a whole market: argument checking only;
    // export takes no positional argument, so most perturbed runs stop at a usage error — its
    // work is tested in test/serve/export.test.ts).
    for (const command of COMMANDS.filter(
      (c) => !SKIPPED.has(c.name) && !['evaluate', 'tune', 'export'].includes(c.name),
    ))
      expect(
        codes.some((c) => c.startsWith(`${command.name}:`) && !c.endsWith(':2')),
        command.name,
      ).toBe(true);
  });
});
