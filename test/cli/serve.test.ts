/**
 * `finmatch serve` from the command line: bad arguments are usage errors (exit 2) before
 * anything starts; a real run answers HTTP, creates the bootstrap key file, and stops cleanly
 * (exit 0) on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from './helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'finmatch-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finmatch serve', () => {
  test.each([
    [['serve', '--port', '70000'], /--port/],
    [['serve', '--port', 'eighty'], /--port/],
    [['serve', '--workers', '-1'], /--workers/],
    [['serve', '--as-of', '30/06/2026'], /--as-of/],
    // The form is right but no such day: checked as a calendar date before anything starts.
    [['serve', '--as-of', '2026-13-01'], /--as-of/],
    [['serve', '--as-of', '2026-02-29'], /1800–2200/],
    [['serve', 'extra'], /多余的参数/],
    [['serve', '--seed-market', 'huge'], /seed-market/],
    [['serve', '--database', 'mysql://db/x'], /database/],
    [['serve', '--database', 'memory:', '--as-of', '2026-02-30'], /--as-of/],
  ])('%j is a usage error', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  test('serves, writes the bootstrap key (mode 600), and stops on SIGTERM with exit 0', async () => {
    const keyFile = join(dir, 'platform.key');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--database',
        join(dir, 'db'),
        '--port',
        '0',
        '--workers',
        '0',
        '--bootstrap-key-file',
        keyFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready: ${stderr}`)), 120_000);
      child.stderr.on('data', () => {
        const m = /(?:ready at|已就绪) (http:\/\/[^\s，,]+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const health = await fetch(`${address}/v1/health`);
    expect(health.status).toBe(200);
    const model = await fetch(`${address}/v1/model`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(model.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/已停止/);
  }, 180_000);
});
