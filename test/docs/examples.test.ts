/**
 * The documentation is executed: every runnable fenced block of README.md and docs/*.md (the
 * convention is in ./markdown-blocks.ts) runs against the built package and must exit 0, and
 * its output must match the expected-output block shown after it.
 *
 * Shell blocks run in bash (`set -eo pipefail`) with `finmatch` mapped to `node dist/cli.cjs`;
 * TypeScript blocks are stripped of their types by esbuild and run as ES modules by node, with
 * `'finmatch'` resolved through a node_modules/finmatch link to this repository (its `exports`
 * point at dist/). Each Markdown file runs in its own directory holding a copy of a small
 * generated market in `data/` (what `finmatch generate --out data` writes), its blocks in order,
 * so a block can use the files an earlier one wrote.
 *
 * docs/serve.md's blocks call a running service: before them one `finmatch serve` is started on a
 * throw-away database with the small generated market (the command the guide's outputs come
 * from), and its address and the keys it prints are in the blocks' environment as `URL`, `KEY`
 * and `PLATFORM_KEY` (the platform key) and `INSTITUTION_KEY`. It is stopped after them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extractBlocks,
  runnableLanguage,
  unmatchedExpectedJson,
  unmatchedExpectedLine,
  type MarkdownBlock,
} from './markdown-blocks.js';

const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The package the blocks run against: this repository (its dist/), or a copy of its
 * package.json and dist/ named by FINMATCH_DOCS_PACKAGE (to test a build while dist/ changes).
 */
const PACKAGE = resolve(process.env.FINMATCH_DOCS_PACKAGE ?? ROOT);
const CLI = join(PACKAGE, 'dist', 'cli.cjs');
const BLOCK_TIMEOUT_MS = 90_000;

const DOC_FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** The guide whose blocks run against a service, and what starts it. */
const SERVICE_GUIDE = 'docs/serve.md';
/** docs/serve.md's outputs come from this service (`--port 0`: any free port). */
const SERVICE_ARGS = [
  'serve',
  '--database',
  'memory:',
  '--demo',
  '--seed-market',
  'small',
  '--as-of',
  '2026-06-30',
  '--port',
  '0',
  '--locale',
  'en',
];
/** Storing the small market and building the engine: 10–60 s on a busy 2-core machine. */
const SERVICE_START_TIMEOUT_MS = 240_000;

const blocksByFile = new Map(
  DOC_FILES.map((file) => [file, extractBlocks(file, readFileSync(join(ROOT, file), 'utf8'))]),
);

let scratch = '';
let market = '';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
  scratch = mkdtempSync(join(tmpdir(), 'finmatch-docs-'));
  market = join(scratch, 'market');
  const generated = spawnSync(process.execPath, [CLI, 'generate', '--out', market], {
    encoding: 'utf8',
  });
  if (generated.status !== 0) throw new Error(`finmatch generate failed:\n${generated.stderr}`);
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'finmatch'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'finmatch'), 0o755);
}, 120_000);

/**
 * Services started for docs/serve.md, each with the promise of its exit; stopped (SIGTERM) after
 * the blocks or in afterAll.
 */
const services = new Map<ChildProcess, Promise<void>>();

afterAll(async () => {
  await Promise.all([...services.keys()].map(stopService));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/**
 * Starts `finmatch serve` and resolves, once it has printed its address and both keys, with
 * the environment the guide's blocks expect.
 */
function startService(cwd: string): Promise<Record<string, string>> {
  const child = spawn(process.execPath, [CLI, ...SERVICE_ARGS], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    // stdout carries a JSON log line per request; nothing here reads it.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  services.set(child, new Promise((exited) => child.once('exit', () => exited())));
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    let ready = false;
    const fail = (why: string): void => {
      if (ready) return;
      clearTimeout(timer);
      void stopService(child);
      reject(new Error(`finmatch ${SERVICE_ARGS.join(' ')}: ${why}\n--- stderr\n${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`not ready after ${SERVICE_START_TIMEOUT_MS / 1000} s`),
      SERVICE_START_TIMEOUT_MS,
    );
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code, signal) => fail(`exited (${code ?? signal}) before it was ready`));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /ready at (http:\/\/\S+)/.exec(stderr)?.[1];
      const platform = /platform key:\s+(fmk_\S+)/.exec(stderr)?.[1];
      const institution = /institution key:\s+(fmk_\S+)/.exec(stderr)?.[1];
      if (url === undefined || platform === undefined || institution === undefined) return;
      clearTimeout(timer);
      ready = true;
      resolvePromise({
        URL: url,
        KEY: platform,
        PLATFORM_KEY: platform,
        INSTITUTION_KEY: institution,
      });
    });
  });
}

/** SIGTERM, then waits for the process to finish its requests and exit (SIGKILL after 30 s). */
async function stopService(child: ChildProcess): Promise<void> {
  const exited = services.get(child);
  services.delete(child);
  if (exited === undefined) return;
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(killer);
}

/** A working directory for one Markdown file: the market in data/, 'finmatch' resolvable. */
function workDirFor(file: string): string {
  const dir = join(scratch, file.replace(/[^A-Za-z0-9]+/g, '-'));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(market, join(dir, 'data'), { recursive: true });
  symlinkSync(PACKAGE, join(dir, 'node_modules', 'finmatch'), 'dir');
  return dir;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  extraEnv: Readonly<Record<string, string>>,
): Promise<Outcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        ...extraEnv,
        PATH: `${join(scratch, 'bin')}:${process.env.PATH ?? ''}`,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

async function runBlock(
  block: MarkdownBlock,
  cwd: string,
  index: number,
  env: Readonly<Record<string, string>>,
): Promise<Outcome> {
  const language = runnableLanguage(block.lang);
  if (language === 'sh') return run('bash', ['-e', '-o', 'pipefail', '-c', block.code], cwd, env);
  const source =
    language === 'ts'
      ? transformSync(block.code, { loader: 'ts', format: 'esm', target: 'node20' }).code
      : block.code;
  const script = join(cwd, `.block-${index}.mjs`);
  writeFileSync(script, source);
  return run(process.execPath, [script], cwd, env);
}

const where = (block: MarkdownBlock): string => `${block.file}:${block.line}`;

/** Files run side by side, at most this many at once (each block is a process of its own). */
const FILES_AT_ONCE = Math.max(1, Math.min(3, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  while (running >= FILES_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs one file's blocks in order (docs/serve.md's with a service); describes every failure. */
async function runFile(file: string, blocks: readonly MarkdownBlock[]): Promise<string[]> {
  const cwd = workDirFor(file);
  if (file !== SERVICE_GUIDE) return runBlocks(blocks, cwd, {});
  const env = await startService(cwd);
  try {
    return await runBlocks(blocks, cwd, env);
  } finally {
    await Promise.all([...services.keys()].map(stopService));
  }
}

async function runBlocks(
  blocks: readonly MarkdownBlock[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<string[]> {
  const failures: string[] = [];
  let index = 0;
  for (const block of blocks) {
    if (!runnableLanguage(block.lang) || block.isOutput || block.notRun) continue;
    index++;
    if (block.writesFile) {
      writeFileSync(join(cwd, block.writesFile), block.code);
      continue;
    }
    const outcome = await runBlock(block, cwd, index, env);
    if (outcome.code !== 0) {
      failures.push(
        `${where(block)} exited ${outcome.code}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`,
      );
      continue;
    }
    if (block.expectedOutput === undefined) continue;
    const missing =
      block.expectedOutputLang === 'json'
        ? unmatchedExpectedJson(block.expectedOutput, outcome.stdout)
        : unmatchedExpectedLine(block.expectedOutput, outcome.stdout);
    if (missing !== undefined)
      failures.push(
        `${where(block)}: the output differs from the block shown after it:\n${missing}\n--- stdout\n${outcome.stdout}`,
      );
  }
  return failures;
}

const TOTAL_BLOCKS = [...blocksByFile.values()]
  .flat()
  .filter((block) => runnableLanguage(block.lang) && !block.isOutput && !block.notRun).length;

describe('documentation blocks', () => {
  for (const [file, blocks] of blocksByFile) {
    const count = blocks.filter(
      (block) => runnableLanguage(block.lang) && !block.isOutput && !block.notRun,
    ).length;
    if (count === 0) continue;
    it.concurrent(
      `${file}: ${count} runnable blocks exit 0 and print what the file shows`,
      async () => {
        const failures = await slot(() => runFile(file, blocks));
        expect(failures, failures.join('\n\n')).toEqual([]);
      },
      // Files wait for a free slot, so a file's budget covers every block of every file.
      BLOCK_TIMEOUT_MS * TOTAL_BLOCKS,
    );
  }
});

describe('documentation conventions', () => {
  it('runs blocks of README.md and of the guides', () => {
    const runnable = (file: string): number =>
      (blocksByFile.get(file) ?? []).filter(
        (b) => runnableLanguage(b.lang) && !b.isOutput && !b.notRun,
      ).length;
    expect(runnable('README.md')).toBeGreaterThan(0);
    for (const guide of ['docs/cli.md', 'docs/matching.md', 'docs/evaluation.md', SERVICE_GUIDE])
      expect(runnable(guide), guide).toBeGreaterThan(0);
  });

  it('keeps not-run blocks rare: at most one in six runnable blocks', () => {
    const all = [...blocksByFile.values()].flat().filter((b) => runnableLanguage(b.lang));
    const notRun = all.filter((b) => b.notRun);
    expect(notRun.length).toBeLessThanOrEqual(Math.ceil(all.length / 6));
  });
});
