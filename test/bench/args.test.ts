// The bench scripts read their flags strictly (bench/lib/args.mjs): a mistyped flag stops a
// script at once with its usage, before any market is generated, instead of a long run with the
// defaults. Spawns each script; none gets as far as generating data.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

const SCRIPTS = [
  'bench/run.mjs',
  'bench/first-calls.mjs',
  'bench/sweep.mjs',
  'bench/prospect.mjs',
  'bench/validate.mjs',
  'bench/history.mjs',
  'bench/collab.bench.mjs',
  'bench/text.bench.mjs',
  'bench/assign/assign.mjs',
  'bench/serve-load.mjs',
];

function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 20_000,
    // The respawning scripts re-run themselves with more heap unless told they already have.
    env: { ...process.env, FINMATCH_BENCH_RESPAWNED: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench scripts’ flags', () => {
  it.each(SCRIPTS)('%s: an unknown flag exits 2 with the usage, --help exits 0', (script) => {
    const bad = run(script, '--run=3');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--run'");
    expect(bad.stderr).toContain('usage:');
    const help = run(script, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
  });

  it('rejects a bad value, naming the flag and what it takes', () => {
    const runs = run('bench/run.mjs', '--runs=0');
    expect(runs.status).toBe(2);
    expect(runs.stderr).toContain('--runs must be a positive integer, got "0"');
    const parts = run('bench/run.mjs', '--skip=prospect,sweeps');
    expect(parts.status).toBe(2);
    expect(parts.stderr).toContain('--skip: unknown "sweeps"; expected some of validate');
    const scale = run('bench/validate.mjs', '--scale', 'huge');
    expect(scale.status).toBe(2);
    expect(scale.stderr).toContain('--scale must be seed or small, got "huge"');
    const baseline = run('bench/first-calls.mjs', '--baseline=/nonexistent-finmatch-build');
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toContain('no index.js in /nonexistent-finmatch-build');
  });
});
