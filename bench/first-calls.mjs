// First calls of a fresh process, as a restarted service meets them: createEnterpriseIndex on
// the raw seed-scale market, the first prospectEnterprises, then the first call of each of 60
// other products. Each run is a new process; with --baseline=<dir> (another build's dist/) the
// two builds alternate run by run, so an A/B sees the same machine state.
//
//   node bench/first-calls.mjs [--runs=5] [--baseline=path/to/other/dist]
//
// Prints one line per run and the median of each column per build. Not part of `npm run
// bench`: its fresh-process first call is bench/validate.mjs's row; this script is for
// comparing two builds (docs/performance.md, "First prospect").
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distDir } from './lib/dist.mjs';
import { collected } from './lib/gc.mjs';
import { benchArgs, positiveInteger, usageError } from './lib/args.mjs';

const ASOF = '2026-06-30';
const K = 100;
const COLD_CALLS = 60;
const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const [, , , dist, dir, run] = process.argv;
  const root = await import(pathToFileURL(join(dist, 'index.js')).href);
  const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const raw = read('enterprises.json');
  const products = read('products.json');
  const { chains, zones } = read('reference.json');
  const r = Number(run);
  const t0 = performance.now();
  const index = root.createEnterpriseIndex(raw, { asOf: ASOF, chains, zones });
  const t1 = performance.now();
  index.prospectEnterprises(products[(r * 211 + 17) % products.length], { k: K });
  const t2 = performance.now();
  // The build's garbage collected before the cold calls, and V8's concurrent sweeping of it
  // left to finish (bench/lib/gc.mjs): right after a forced collection the next calls pay
  // for the sweep (the third cold call took 50 ms there against 7 ms without the collection).
  await collected();
  const times = [];
  for (let i = 0; i < COLD_CALLS; i++) {
    const p = products[(r * 101 + i * 12 + 5) % products.length];
    const a = performance.now();
    index.prospectEnterprises(p, { k: K });
    times.push(performance.now() - a);
  }
  times.sort((a, b) => a - b);
  const q = (f) => times[Math.min(times.length - 1, Math.ceil(f * times.length) - 1)];
  const out = { buildMs: t1 - t0, firstMs: t2 - t1, coldP50: q(0.5), coldP95: q(0.95) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const USAGE = `usage: node bench/first-calls.mjs [--runs=N] [--baseline=DIR]

Times a fresh process's createEnterpriseIndex, first prospect and 60 other products' first calls
on the seed-scale market (generated: ≈ 1 min, then ≈ 15 s per run), with the build in dist/
(npm run build first; FINMATCH_BENCH_DIST for another).

  --runs=N         fresh processes per build (default 5)
  --baseline=DIR   another build's dist/ directory: the two builds alternate run by run
  --help           this text`;
const args = benchArgs(USAGE, { runs: { type: 'string' }, baseline: { type: 'string' } });
const runs = positiveInteger(args, 'runs', 5, USAGE);
const builds = [{ name: 'this build', dist: distDir }];
if (args.baseline !== undefined) builds.push({ name: 'baseline', dist: resolve(args.baseline) });
for (const b of builds)
  if (!existsSync(join(b.dist, 'index.js')))
    usageError(`${b.name}: no index.js in ${b.dist} (build it first)`, USAGE);

const root = await import(pathToFileURL(join(distDir, 'index.js')).href);
console.error('generating the seed market…');
const market = root.generateMarket({ seed: 1, scale: 'seed', asOf: ASOF });
const dir = mkdtempSync(join(tmpdir(), 'finmatch-first-calls-'));
try {
  writeFileSync(join(dir, 'enterprises.json'), JSON.stringify(market.enterprises));
  const products = [...market.products].sort((a, b) => (a.id < b.id ? -1 : 1));
  writeFileSync(join(dir, 'products.json'), JSON.stringify(products));
  writeFileSync(
    join(dir, 'reference.json'),
    JSON.stringify({ chains: market.chains, zones: market.zones }),
  );
  const results = new Map(builds.map((b) => [b.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const b of r % 2 === 0 ? builds : [...builds].reverse()) {
      const child = spawnSync(
        process.execPath,
        ['--max-old-space-size=16000', '--expose-gc', here, '--child', b.dist, dir, String(r)],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) throw new Error(`${b.name} run ${r} failed: ${child.stderr}`);
      const m = JSON.parse(child.stdout.trim().split('\n').pop());
      results.get(b.name).push(m);
      console.log(
        `${b.name.padEnd(10)} run ${r}: build ${m.buildMs.toFixed(0)} ms, first ${m.firstMs.toFixed(1)} ms, ` +
          `${COLD_CALLS} cold calls p50 ${m.coldP50.toFixed(2)} / p95 ${m.coldP95.toFixed(2)} ms`,
      );
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  for (const [name, ms] of results) {
    const col = (key) => median(ms.map((m) => m[key]));
    console.log(
      `${name.padEnd(10)} median of ${ms.length}: build ${col('buildMs').toFixed(0)} ms, first ${col('firstMs').toFixed(1)} ms, ` +
        `cold p50 ${col('coldP50').toFixed(2)} / p95 ${col('coldP95').toFixed(2)} ms`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
