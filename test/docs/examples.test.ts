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
 */
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Markdown files whose blocks are not run here, with why. docs/serve.md's commands talk to a
 * running service (keys, a database); test/serve runs its routes.
 */
const FILES_NOT_RUN: Readonly<Record<string, string>> = {
  'docs/serve.md': 'its commands need a running service; test/serve covers the routes',
};

const DOC_FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
].filter((file) => !(file in FILES_NOT_RUN));

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

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

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

function run(command: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
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

async function runBlock(block: MarkdownBlock, cwd: string, index: number): Promise<Outcome> {
  const language = runnableLanguage(block.lang);
  if (language === 'sh') return run('bash', ['-e', '-o', 'pipefail', '-c', block.code], cwd);
  const source =
    language === 'ts'
      ? transformSync(block.code, { loader: 'ts', format: 'esm', target: 'node20' }).code
      : block.code;
  const script = join(cwd, `.block-${index}.mjs`);
  writeFileSync(script, source);
  return run(process.execPath, [script], cwd);
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

/** Runs one file's blocks in order; returns a description of every failure. */
async function runFile(file: string, blocks: readonly MarkdownBlock[]): Promise<string[]> {
  const cwd = workDirFor(file);
  const failures: string[] = [];
  let index = 0;
  for (const block of blocks) {
    if (!runnableLanguage(block.lang) || block.isOutput || block.notRun) continue;
    index++;
    if (block.writesFile) {
      writeFileSync(join(cwd, block.writesFile), block.code);
      continue;
    }
    const outcome = await runBlock(block, cwd, index);
    if (outcome.code !== 0) {
      failures.push(
        `${where(block)} exited ${outcome.code}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`,
      );
      continue;
    }
    if (block.expectedOutput === undefined) continue;
    const missing = unmatchedExpectedLine(block.expectedOutput, outcome.stdout);
    if (missing !== undefined)
      failures.push(
        `${where(block)}: expected output line not found (in order):\n${missing}\n--- stdout\n${outcome.stdout}`,
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
    for (const guide of ['docs/cli.md', 'docs/matching.md', 'docs/evaluation.md'])
      expect(runnable(guide), guide).toBeGreaterThan(0);
  });

  it('keeps not-run blocks rare: at most one in six runnable blocks', () => {
    const all = [...blocksByFile.values()].flat().filter((b) => runnableLanguage(b.lang));
    const notRun = all.filter((b) => b.notRun);
    expect(notRun.length).toBeLessThanOrEqual(Math.ceil(all.length / 6));
  });
});
