// Bundles the modules the benchmark needs that the package does not export (the market
// generator, the assignment algorithm) from src/ with esbuild, once, into bench/.cache.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Imports `src/<entry>` bundled as ESM. */
export async function importSource(entry, name) {
  const outdir = `${root}bench/.cache`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${name}.mjs`;
  await build({
    entryPoints: [`${root}src/${entry}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    external: ['natural', 'ml-matrix', 'zod', 'csv-parse', 'lru-cache'],
  });
  return import(pathToFileURL(outfile).href);
}
