// The benchmark's parts written beside this runner (bench/validate.mjs, bench/prospect.mjs,
// bench/sweep.mjs, bench/assign/assign.mjs), imported when present: a part that is absent or
// fails is skipped with a note, so `npm run bench` always runs what exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Imports `file` (relative to bench/) and calls its `exportName` through `call(fn)`. Returns
 * `{ name, file, result }`, or `{ name, file, skipped }` / `{ name, file, error }`.
 */
export async function runPart({ name, file, exportName, call }) {
  const url = new URL(`../${file}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return { name, file, skipped: `bench/${file} not present` };
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

function message(error) {
  return String(error?.stack ?? error?.message ?? error)
    .split('\n')
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);
}
