/**
 * `-` reads standard input wherever a file is read (records files, evaluate's run and qrels),
 * and `--quiet` leaves only results and errors.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { capture } from './helpers.js';
import {
  FEW_ENTERPRISES,
  jsonLines,
  writeSmallMarket,
  type WrittenMarket,
} from './matching-market.js';

async function run(argv: string[], stdin?: string) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = { stdout, stderr, env: {} };
  if (stdin !== undefined) io.stdin = [Buffer.from(stdin)];
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('standard input and --quiet', () => {
  let m: WrittenMarket;
  beforeAll(async () => {
    m = await writeSmallMarket();
  });
  afterAll(async () => {
    await m.cleanup();
  });

  it('validate - reads the records from standard input, as from the file', async () => {
    const text = await readFile(m.file('few-enterprises.jsonl'), 'utf8');
    const fromStdin = await run(
      ['validate', '-', '--kind', 'enterprise', '--format', 'json'],
      text,
    );
    const fromFile = await run([
      'validate',
      m.file('few-enterprises.jsonl'),
      '--kind',
      'enterprise',
      '--format',
      'json',
    ]);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const bad = await run(
      ['validate', '-', '--kind', 'enterprise', '--locale', 'en'],
      '{"id":"x"}\n',
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('<stdin>: 1 enterprise record, 0 valid, 1 invalid.');
  });

  it('rank --enterprises - ranks the enterprises piped in', async () => {
    const text = await readFile(m.file('few-enterprises.jsonl'), 'utf8');
    const args = [
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--k',
      '2',
      '--format',
      'json',
      '--as-of',
      m.market.manifest.asOf,
    ];
    const piped = await run([...args, '--enterprises', '-'], text);
    const file = await run([...args, '--enterprises', m.file('few-enterprises.jsonl')]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(file.stdout);
    expect(jsonLines(piped.stdout).length).toBeGreaterThan(0);
  });

  it('evaluate --run - reads a TREC run from standard input (rank | evaluate)', async () => {
    const ranked = await run([
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--k',
      '3',
      '--format',
      'trec',
    ]);
    const [first] = ranked.stdout.split('\n');
    const [qid, , docid] = first!.split(' ');
    const qrels = m.file('stdin.qrels');
    await import('node:fs/promises').then((fs) => fs.writeFile(qrels, `${qid} 0 ${docid} 1\n`));
    const evaluated = await run(
      ['evaluate', '--run', '-', '--qrels', qrels, '--metrics', 'mrr', '--format', 'json'],
      ranked.stdout,
    );
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(
      (JSON.parse(evaluated.stdout) as { metrics: { mrr: number } }).metrics.mrr,
    ).toBeGreaterThan(0);
  });

  it('standard input can be read once: two - arguments are a usage error in the run’s locale', async () => {
    const both = await run(['evaluate', '--run', '-', '--qrels', '-'], 'q 0 d 1\n');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('标准输入只能读取一次');
  });

  it('--quiet leaves results and errors only', async () => {
    const args = [
      'rank',
      '--products',
      m.file('products.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
      '--k',
      '1',
      '--format',
      'json',
    ];
    const tty = capture(true);
    const out = capture();
    const code = await runCli([...args, '--quiet'], { stdout: out, stderr: tty, env: {} });
    expect(code).toBe(0);
    expect(tty.text()).toBe(''); // no progress bar even on a terminal
    expect(jsonLines(out.text()).length).toBe(FEW_ENTERPRISES);
    const loud = capture(true);
    await runCli(args, { stdout: capture(), stderr: loud, env: {} });
    expect(loud.text()).toMatch(/排序产品/); // the bar, on a terminal, in the run's locale
    const error = await run([
      'rank',
      '--quiet',
      '--products',
      m.file('missing.jsonl'),
      '--enterprises',
      m.file('few-enterprises.jsonl'),
    ]);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('ENOENT');
  });
});
