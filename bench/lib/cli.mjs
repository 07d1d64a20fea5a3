// The command line end to end: `finmatch generate` writes the market's files once (cached in
// bench/.cache by generator version, seed, scale and date), then each command is timed as a
// user runs it: a fresh `node dist/cli.cjs …` process, wall-clock time, exit status, output size.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distDir } from './source.mjs';

const cli = `${distDir}/cli.cjs`;
const cacheDir = fileURLToPath(new URL('../.cache/', import.meta.url));

/** Runs `finmatch …args` in a fresh process; returns wall-clock ms, status, stdout bytes. */
export function runCli(args, { heapMb } = {}) {
  const flags = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const t = performance.now();
  const r = spawnSync(process.execPath, [...flags, cli, ...args, '--quiet'], {
    maxBuffer: 1 << 30,
    env: { ...process.env, FINMATCH_LOCALE: 'en' },
  });
  const ms = performance.now() - t;
  return {
    ms,
    status: r.status,
    stdoutBytes: r.stdout?.length ?? 0,
    stdout: r.stdout?.toString('utf8') ?? '',
    stderr: (r.stderr?.toString('utf8') ?? '').slice(0, 400),
  };
}

/**
 * The directory `finmatch generate` wrote for `manifest`'s market (generator version, seed,
 * scale, date), generating it when absent. Returns `{ dir, generatedMs? }`.
 */
export function generatedMarket(manifest) {
  const { version, seed, scale, asOf } = manifest;
  const dir = `${cacheDir}market-${scale}-seed${seed}-${asOf}-v${version}`;
  const manifestPath = `${dir}/manifest.json`;
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.version === version && m.seed === seed && m.scale === scale && m.asOf === asOf)
      return { dir };
  }
  rmSync(dir, { recursive: true, force: true });
  const r = runCli(
    [
      'generate',
      '--out',
      dir,
      '--seed',
      String(seed),
      '--scale',
      scale,
      '--as-of',
      asOf,
      '--no-truth',
    ],
    { heapMb: 16000 },
  );
  if (r.status !== 0) throw new Error(`finmatch generate failed (${r.status}): ${r.stderr}`);
  return { dir, generatedMs: r.ms };
}

/** Size of a file in bytes (0 when absent). */
export function fileBytes(path) {
  return existsSync(path) ? statSync(path).size : 0;
}
