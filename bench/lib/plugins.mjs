// The benchmark's parts written beside this runner (bench/validate.mjs, bench/prospect.mjs,
// bench/sweep.mjs, bench/assign/assign.mjs), imported when present: a part that is absent or
// fails is skipped with a note, so `npm run bench` always runs what exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Imports `file` (relative to bench/) and calls its `exportName` through `call(fn)`. Returns
 * `{ name, file, result }`, or `{ name, file, skipped }` / `{ name, file, error }`.
 *
 * With `isolated`, the part is not imported (it needs no `exportName` or `call`): it runs as
 * `node <file> --json …isolated.args` in a process of its own (its stdout is the result),
 * holding only its own data: a part whose anchor runs
 * in a fresh process (SciPy) is then timed on equal terms. In the runner's process it would
 * share a heap of several GB with the other rows' data, and whatever allocates there pays for
 * collecting it: the assignment's compile + solve took 523 ms there against 117 ms on its own.
 */
export async function runPart({ name, file, exportName, call, isolated }) {
  const url = new URL(`../${file}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return { name, file, skipped: `bench/${file} not present` };
  if (isolated) return runIsolated({ name, file, url, args: isolated.args ?? [] });
  let mod;
  try {
    mod = await import(url.href);
  } catch (error) {
    return { name, file, error: `import failed: ${message(error)}` };
  }
  if (typeof mod[exportName] !== 'function')
    return { name, file, skipped: `bench/${file} exports no ${exportName}()` };
  try {
    return { name, file, result: await call(mod[exportName]) };
  } catch (error) {
    return { name, file, error: message(error) };
  }
}

/** Runs `url` as a process of its own with `--json` and parses its stdout as the result. */
function runIsolated({ name, file, url, args }) {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16000', fileURLToPath(url), '--json', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28, env: process.env },
  );
  if (child.error) return { name, file, error: message(child.error) };
  if (child.status !== 0)
    return { name, file, error: `exited with ${child.status ?? child.signal}` };
  try {
    return { name, file, result: JSON.parse(child.stdout.toString('utf8')) };
  } catch (error) {
    return { name, file, error: `its output is not JSON: ${message(error)}` };
  }
}

function message(error) {
  return String(error?.stack ?? error?.message ?? error)
    .split('\n')
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);
}
