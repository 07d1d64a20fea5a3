// The whole-market sweep, measured as users run it, beside a same-run anchor:
//
// - anchor: a hand-written typed-array top-k scan of the simple model (bench/anchors) over
//   every enterprise × product pair, one thread, encoding included;
// - the API: `sweepBatches` (typed columns, no object per result) on 1 and 2 threads (the
//   calling thread alone; it and one worker), alternated `runs` times (medians), with the
//   calling thread's share of the time and the CPU time of every thread, and `sweep` (an object
//   per enterprise) on 2 threads;
// - the CLI end to end: `finmatch sweep` in a fresh process on the files `finmatch generate`
//   wrote (cached by bench/lib/cli.mjs), JSON lines (the default) and Arrow, with the output's
//   size and the split of its time the command prints (load, prepare, sweep, write); beside it
//   the API on the same file (`loadRecords`, then `sweepBatches`).
//
// `export async function runSweepBench(market, options)` returns report rows
// (bench/lib/report.mjs) for bench/run.mjs; `node bench/sweep.mjs [--quick] [--runs=N] [--json]`
// runs it alone on the market of `finmatch generate` (seed scale unless --quick), read from its
// files as raw parsed JSON. Uses the built package (`npx tsup`, or FINMATCH_BENCH_DIST).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileCatalogue, encodeEnterprises, scanTopProducts } from './anchors/typed-scan.mjs';
import { fileBytes, generatedMarket } from './lib/cli.mjs';
import { collected } from './lib/gc.mjs';
import { markdownTable, row } from './lib/report.mjs';
import { distDir, fastSource as fast, source as root } from './lib/source.mjs';
import { median } from './lib/stats.mjs';
import { benchArgs, positiveInteger } from './lib/args.mjs';

/**
 * CPU ms this thread has run, from Linux's per-thread scheduler statistics (NaN elsewhere):
 * Node 20 has no per-thread CPU clock, and `process.cpuUsage` counts every thread.
 */
function threadCpuMs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/** Enterprises of the untimed sweep that warms this thread's code before the timed ones. */
const WARM_UP_ENTERPRISES = 20000;

/** Enterprises of each small sweep, and how many of each kind are timed. */
const SMALL_SWEEP = 2000;
const SMALL_SWEEP_RUNS = 10;

/** Runs `finmatch sweep …args` in a fresh process: wall ms, exit status, its summary line. */
function cliSweep(args, heapMb) {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), `${distDir}/cli.cjs`, 'sweep', ...args],
    { maxBuffer: 1 << 26, env: { ...process.env, FINMATCH_LOCALE: 'en' } },
  );
  const ms = performance.now() - t;
  const stderr = r.stderr?.toString('utf8') ?? '';
  // "wrote …: N enterprises, jsonl, X MB in T s (load a, prepare b, sweep c, write d)"
  const m = /\(load ([\d.]+), prepare ([\d.]+), sweep ([\d.]+), write ([\d.]+)\)/.exec(stderr);
  const split = m
    ? { load: +m[1] * 1000, prepare: +m[2] * 1000, sweep: +m[3] * 1000, write: +m[4] * 1000 }
    : undefined;
  return { ms, status: r.status, split, stderr: stderr.slice(-400) };
}

/**
 * Sweep rows for `market` (`{ enterprises, products, chains, zones, manifest }`, records as
 * parsed JSON or validated). Options: `asOf` (default the manifest's), `k` (10), `runs` of the
 * alternated 1- and 2-thread API sweeps (1), `quick` (no goals), `cli` (true: also the CLI
 * rows, on the files `finmatch generate` writes for `market.manifest`), `log`.
 */
export async function runSweepBench(market, options = {}) {
  const {
    asOf = market.manifest.asOf,
    k = 10,
    runs = 1,
    quick = false,
    cli = true,
    log = () => {},
  } = options;
  const { enterprises, products, chains, zones } = market;
  const workerPath = `${distDir}/sweep-worker.cjs`;
  const rows = [];

  // The anchor: encode the simple model's columns, then scan every enterprise × product pair.
  log('sweep: typed-array anchor…');
  let t = performance.now();
  const columns = encodeEnterprises(enterprises);
  const catalogue = compileCatalogue(columns, products);
  let anchorMatches = 0;
  for (const e of enterprises) anchorMatches += scanTopProducts(catalogue, e, k).length;
  const anchorMs = performance.now() - t;

  const apiOptions = (threads) => ({ k, threads, asOf, chains, zones, workerPath });
  // Besides the wall time: the calling thread's share of it (its event loop's utilisation:
  // `threads: N` is the calling thread and N − 1 workers, so it sweeps too and is busy nearly
  // throughout) and the process's CPU time over every thread (what a second thread adds: the
  // worker's start, the columns and key representatives it is sent, V8's helper threads), and of
  // that the calling thread's (the rest: the workers' and V8's helper threads').
  async function columnar(threads) {
    const t0 = performance.now();
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const main0 = threadCpuMs();
    let count = 0;
    let matches = 0;
    for await (const b of fast.sweepBatches(enterprises, products, apiOptions(threads))) {
      count += b.size;
      matches += b.matchCount;
    }
    const cpu = process.cpuUsage(cpu0);
    return {
      ms: performance.now() - t0,
      count,
      matches,
      mainBusy: performance.eventLoopUtilization(elu0).utilization,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: threadCpuMs() - main0,
    };
  }
  // Untimed first: a one-thread sweep of a slice, so that neither timed configuration pays for
  // V8's first compile of this thread's validating and ranking code, then a two-thread one,
  // whose worker the timed two-thread sweeps take over. A sweep keeps its workers and, once it
  // has finished, every thread's rankers (the catalogue's tables they filled) for the next sweep
  // of the same setup (`SweepOptions.workerIdleMs`, 30 s by default). So the timed runs compare
  // both configurations warm, as a service or a batch job that sweeps the same catalogue again
  // runs them. The runs after `closeSweepWorkers()` below keep nothing from before (a catalogue
  // new to the process); a process's first sweep also compiles the code cold: the
  // `finmatch sweep` rows below are that case.
  log('sweep: warming up (untimed)…');
  for (const threads of [1, 2])
    for await (const b of fast.sweepBatches(
      enterprises.slice(0, WARM_UP_ENTERPRISES),
      products,
      apiOptions(threads),
    ))
      void b;
  const one = [];
  const two = [];
  for (let r = 0; r < runs; r++) {
    // Alternate which goes first, so the machine's load drifts over both alike.
    log(`sweep: API, 1 and 2 threads (run ${r + 1} of ${runs})…`);
    if (r % 2 === 0) {
      two.push(await columnar(2));
      one.push(await columnar(1));
    } else {
      one.push(await columnar(1));
      two.push(await columnar(2));
    }
  }
  // A catalogue new to the process: nothing kept from an earlier sweep (rankers filled afresh,
  // and the two-thread sweep starts its worker), the code compiled already.
  log('sweep: API, 1 and 2 threads, nothing kept from an earlier sweep…');
  await fast.closeSweepWorkers();
  const freshOne = await columnar(1);
  await fast.closeSweepWorkers();
  const freshTwo = await columnar(2);
  // A small sweep, as a service sweeping the enterprises registered since the last one runs it:
  // SMALL_SWEEP enterprises (another slice each time) on this thread, taking the rankers the
  // sweep before kept (whatever it swept), and with nothing kept (`closeSweepWorkers()` before
  // each), alternated.
  log('sweep: API, small sweeps, rankers kept and nothing kept…');
  const keptSmall = [];
  const freshSmall = [];
  for (let r = 0; r < SMALL_SWEEP_RUNS; r++) {
    const from = (r * SMALL_SWEEP) % Math.max(1, enterprises.length - SMALL_SWEEP);
    const slice = enterprises.slice(from, from + SMALL_SWEEP);
    for (const kept of r % 2 === 0 ? [true, false] : [false, true]) {
      if (!kept) await fast.closeSweepWorkers();
      const t0 = performance.now();
      for await (const b of fast.sweepBatches(slice, products, apiOptions(1))) void b;
      (kept ? keptSmall : freshSmall).push(performance.now() - t0);
    }
  }
  log('sweep: API objects, 2 threads…');
  t = performance.now();
  let objects = 0;
  for await (const result of fast.sweep(enterprises, products, apiOptions(2)))
    objects += result.enterpriseId ? 1 : 0;
  const objectsMs = performance.now() - t;

  const oneMs = median(one.map((x) => x.ms));
  const twoMs = median(two.map((x) => x.ms));
  const anchorName = `typed-array top-${k} scan of the simple model, every pair, 1 thread`;
  const oneName = 'same, threads: 1';
  rows.push(
    row({
      section: 'sweep',
      name: `sweepBatches(raw enterprises, raw products, { k: ${k}, threads: 2 }) — every enterprise, columns`,
      times: 'public API',
      n: runs,
      p50: twoMs,
      anchors: [
        { name: oneName, p50: oneMs },
        { name: anchorName, p50: anchorMs },
      ],
      goal: quick
        ? undefined
        : {
            text: '≤ 5 s (8 s); 2 threads ≥ 1.7× one (ratio ≤ 0.59)',
            p50: [5000, 8000],
            ratio: { anchor: oneName, max: [1 / 1.7, 1 / 1.7] },
          },
      notes: {
        enterprises: two[0].count,
        matches: two[0].matches,
        'anchor matches': anchorMatches,
        '1 thread ÷ 2 threads': Number((oneMs / twoMs).toFixed(2)),
        runs: `2 threads ${two.map((x) => Math.round(x.ms)).join('/')} ms; 1 thread ${one.map((x) => Math.round(x.ms)).join('/')} ms`,
        'calling thread busy, 2 threads': `${Math.round(100 * median(two.map((x) => x.mainBusy)))} %`,
        'CPU s, 2 threads / 1 thread': `${(median(two.map((x) => x.cpuMs)) / 1000).toFixed(1)} / ${(median(one.map((x) => x.cpuMs)) / 1000).toFixed(1)}`,
        'calling thread CPU s, 2 threads / 1 thread': `${(median(two.map((x) => x.mainCpuMs)) / 1000).toFixed(1)} / ${(median(one.map((x) => x.mainCpuMs)) / 1000).toFixed(1)}`,
        'nothing kept (closeSweepWorkers() first), 2 threads / 1 thread': `${Math.round(freshTwo.ms)} / ${Math.round(freshOne.ms)} ms (${(freshOne.ms / freshTwo.ms).toFixed(2)}×)`,
      },
    }),
    row({
      section: 'sweep',
      name: `sweepBatches(${SMALL_SWEEP.toLocaleString('en')} raw enterprises, raw products, { k: ${k}, threads: 1 }) again in the process — the rankers kept from the sweep before`,
      times: 'public API',
      n: SMALL_SWEEP_RUNS,
      p50: median(keptSmall),
      anchors: [
        {
          name: 'same, nothing kept (closeSweepWorkers() before each)',
          p50: median(freshSmall),
        },
      ],
      notes: {
        'each slice': `${SMALL_SWEEP} enterprises from a new offset, after a sweep of the same setup`,
      },
    }),
    row({
      section: 'sweep',
      name: `sweep(…, { k: ${k}, threads: 2 }) — every enterprise as a result object`,
      times: 'public API',
      n: 1,
      p50: objectsMs,
      anchors: [
        { name: 'sweepBatches, 2 threads, this run', p50: twoMs },
        { name: anchorName, p50: anchorMs },
      ],
      notes: { enterprises: objects },
    }),
  );

  if (!cli) return rows;
  log('sweep: the command line…');
  let generated;
  try {
    generated = generatedMarket(market.manifest);
  } catch (error) {
    rows.push(
      row({
        section: 'cli',
        name: 'finmatch sweep',
        times: 'CLI',
        n: 0,
        p50: NaN,
        notes: { skipped: String(error.message ?? error).slice(0, 200) },
      }),
    );
    return rows;
  }
  const d = generated.dir;
  const files = ['enterprises', 'products', 'chains', 'zones'].flatMap((f) => [
    `--${f}`,
    `${d}/${f}.jsonl`,
  ]);
  const heapMb = quick ? undefined : 16000;
  const apiName = 'sweepBatches through the API, 2 threads, this run';
  // What a user of the API does with the file the command reads: `loadRecords` (read, parse
  // and validate it), then `sweepBatches` of the validated records (nothing written). Besides
  // its own process's cold start, this read is most of what the command adds to the API row.
  log('sweep: the API on the enterprises file…');
  await collected();
  t = performance.now();
  let fromFile = (await root.loadRecords('enterprise', `${d}/enterprises.jsonl`)).records;
  for await (const b of fast.sweepBatches(fromFile, products, apiOptions(2))) void b;
  const fromFileMs = performance.now() - t;
  fromFile = undefined;
  // Collected and settled before the command's processes start: they share the 2 cores.
  await collected();
  const fromFileName =
    'the API on the same file: loadRecords + sweepBatches, 2 threads (nothing written)';
  for (const [format, extra] of [
    ['jsonl', []],
    ['arrow', []],
    ['jsonl', ['--contributions']],
  ]) {
    const out = `${d}/sweep-bench.${format}`;
    const c = cliSweep(
      [...files, '--as-of', asOf, '--k', String(k), '--threads', '2', '--out', out, ...extra],
      heapMb,
    );
    const bytes = fileBytes(out);
    rmSync(out, { force: true });
    const apiLike = c.split ? c.split.prepare + c.split.sweep + c.split.write : undefined;
    rows.push(
      row({
        section: 'cli',
        name: `finmatch sweep --k ${k} --threads 2 --out top.${format}${extra.length ? ` ${extra.join(' ')}` : ''} (process start to exit)`,
        times: 'CLI',
        n: 1,
        p50: c.status === 0 ? c.ms : NaN,
        anchors: [
          { name: apiName, p50: twoMs },
          { name: fromFileName, p50: fromFileMs },
          ...(apiLike !== undefined
            ? [
                {
                  name: 'its own prepare + sweep + write (the sweep includes reading and validating the enterprises file)',
                  p50: apiLike,
                },
              ]
            : []),
        ],
        goal:
          quick || extra.length > 0
            ? undefined
            : { text: 'within 1.3× of the API', ratio: { anchor: apiName, max: [1.3, 1.3] } },
        notes: {
          'output MB': Number((bytes / 1e6).toFixed(1)),
          exit: c.status,
          ...(c.split
            ? Object.fromEntries(
                Object.entries(c.split).map(([key, v]) => [`${key} ms`, Math.round(v)]),
              )
            : {}),
          ...(c.status ? { stderr: c.stderr } : {}),
        },
      }),
    );
  }
  return rows;
}

// Standalone: `node bench/sweep.mjs [--quick] [--runs=N] [--json]`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const usage = `usage: node bench/sweep.mjs [--quick] [--runs=N] [--json]

The whole-market sweep beside its anchors, alone (npm run bench runs it as the sweep part).

  --quick    the small market, no goals
  --runs=N   alternated 1- and 2-thread API sweeps (default 1)
  --json     print the rows as JSON
  --help     this text`;
  const args = benchArgs(usage, {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!process.env.FINMATCH_BENCH_RESPAWNED) {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=16000',
        fileURLToPath(import.meta.url),
        ...process.argv.slice(2),
      ],
      { stdio: 'inherit', env: { ...process.env, FINMATCH_BENCH_RESPAWNED: '1' } },
    );
    process.exit(child.status ?? 1);
  }
  const quick = args.quick === true;
  const json = args.json === true;
  const runs = positiveInteger(args, 'runs', 1, usage);
  const log = (line) => json || console.error(line);
  // The generator's version keys the cache: a small market's manifest carries it.
  const { generateMarket } = await import(`${distDir}/index.js`);
  const { version } = generateMarket({ seed: 1, scale: 'small', asOf: '2026-06-30' }).manifest;
  const scale = quick ? 'small' : 'seed';
  log(`sweep bench: finmatch generate --scale ${scale} (cached in bench/.cache)…`);
  const { dir } = generatedMarket({ version, seed: 1, scale, asOf: '2026-06-30' });
  const read = (name) =>
    readFileSync(`${dir}/${name}.jsonl`, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line));
  const market = {
    enterprises: read('enterprises'),
    products: read('products'),
    chains: read('chains'),
    zones: read('zones'),
    manifest: JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')),
  };
  const rows = await runSweepBench(market, { runs, quick, log });
  if (json) console.log(JSON.stringify(rows, null, 2));
  else console.log(markdownTable(rows));
}
