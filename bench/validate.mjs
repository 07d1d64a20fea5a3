/**
 * Validation and index start-up, through the built package (`dist/index.js`), from raw parsed
 * JSON (nothing pre-validated), beside a hand-written typed-array columnar encode of the same
 * fields as the anchor. Rows:
 *
 * - (a) `parseBatch('enterprise', …)` on the reference path (zod; `FINMATCH_ZOD_ONLY=1`) and on
 *   the compiled validators (the default);
 * - (b) `createEnterpriseIndex(raw)` — validate + build — on both paths, and `loadRecords` of
 *   the same records as a JSON-lines file (read + parse + validate); the build again (compiled
 *   validator) from the same records with every object's keys in alphabetical order, as
 *   fastjson (the Java library many bank systems serialise with) writes them by default;
 * - (c) memory per enterprise (`heapUsed` + `arrayBuffers` after full collections, before vs
 *   after, `--expose-gc`): what the index adds to the caller's records once built and first
 *   used, and what it keeps once the caller drops them (it keeps the validated records);
 *   beside them the typed-array scan of bench/anchors/typed-scan.mjs (its six-field encode and
 *   first query, the runner's anchor), not the all-fields encode of (d); and what the index adds
 *   to the sorted-key records;
 * - (d) the anchor: a typed-array encode of the same fields with type checks (ids and a
 *   dictionary per categorical field, Float64/Uint8 columns, enum lists as bit sets);
 * - (e) in the fresh process that built the index: the first prospect, then the first write
 *   (`upsertEnterprises` of one new enterprise whose id sorts amid the others) and the same
 *   prospect right after it, beside the typed-array scan's first query, its append of that row
 *   (`appendEnterprise`: its columns, sized to the load, grow) and its query after it.
 *
 * Each finmatch measurement runs in a fresh child process (the zod switch is read once per
 * process, and a fresh heap makes the heap row honest), reading the same raw records from one
 * temporary JSON file; paths alternate (compiled, zod, compiled…) and medians are reported.
 * Times are wall clock with the CPU time beside them: on a shared 2-core machine the ratio to
 * the same-run anchor is what to read.
 *
 * Standalone: `npx tsup --silent && [FINMATCH_BENCH_DIST=<a dist copy>] node --max-old-space-size=16000 --expose-gc
 * bench/validate.mjs [--scale small|seed] [--runs 3]`. From bench/run.mjs: the exported
 * {@link runValidateBench}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendEnterprise, encodeEnterprises, scanTopEnterprises } from './anchors/typed-scan.mjs';
import { distEntry } from './lib/dist.mjs';
import { row, value } from './lib/report.mjs';
import { benchArgs, positiveInteger, usageError } from './lib/args.mjs';

const here = fileURLToPath(import.meta.url);
/** The build measured (FINMATCH_BENCH_DIST or ../dist), in this process and in its children. */
const dist = distEntry('index.js');
const ASOF = '2026-06-30';
/** The k of the first-prospect row, as bench/run.mjs's prospecting rows. */
const K_FIRST = 100;

/** A `JSON.stringify` replacer writing every plain object's keys in alphabetical order. */
function sortedKeysReplacer(_key, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall and CPU milliseconds of `f()`, and its result. */
function timed(f) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, result };
}

// ---------------------------------------------------------------------------------------------
// (d) The anchor: a hand-written columnar encode of the enterprise fields the index reads.

const BIT = (values) => new Map(values.map((v, i) => [v, 1 << i]));

/**
 * Encodes raw enterprises into typed columns with the type checks a loader would make (strings
 * are strings, numbers finite, lists arrays of known values). Throws on a bad record. Returns
 * the columns, so the work cannot be optimised away.
 */
export function encodeAnchor(raw) {
  const n = raw.length;
  const ids = new Array(n);
  const dicts = { sector: new Map(), region: new Map(), stage: new Map(), tier: new Map() };
  const codes = {
    sector: new Uint16Array(n),
    region: new Uint16Array(n),
    stage: new Uint8Array(n),
    tier: new Uint8Array(n),
  };
  const numbers = new Float64Array(n * 9);
  const collateral = new Uint16Array(n);
  const instruments = new Uint8Array(n);
  const zones = new Uint32Array(n);
  const chains = new Uint32Array(n);
  const collateralBits = BIT([
    'credit',
    'realEstate',
    'equipment',
    'ipPledge',
    'receivables',
    'inventory',
    'equityPledge',
    'guarantee',
  ]);
  const instrumentBits = BIT([
    'loan',
    'equity',
    'bond',
    'insurance',
    'guarantee',
    'leasing',
    'listing',
  ]);
  const zoneIds = new Map();
  const chainIds = new Map();
  const code = (dict, value) => {
    if (typeof value !== 'string') throw new TypeError('expected a string');
    let c = dict.get(value);
    if (c === undefined) dict.set(value, (c = dict.size));
    return c;
  };
  const num = (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('expected a number');
    return v;
  };
  const bits = (map, list) => {
    if (!Array.isArray(list)) throw new TypeError('expected an array');
    let b = 0;
    for (const x of list) b |= map.get(x) ?? 0;
    return b;
  };
  for (let i = 0; i < n; i++) {
    const e = raw[i];
    if (typeof e.id !== 'string' || typeof e.name !== 'string') throw new TypeError('id/name');
    ids[i] = e.id;
    codes.sector[i] = code(dicts.sector, e.sector);
    codes.region[i] = code(dicts.region, e.region);
    codes.stage[i] = code(dicts.stage, e.stage);
    codes.tier[i] = code(dicts.tier, e.srdi?.tier ?? 'none');
    const o = i * 9;
    numbers[o] = num(e.foundedYear);
    numbers[o + 1] = num(e.employees);
    numbers[o + 2] = num(e.annualRevenue);
    numbers[o + 3] = num(e.rdIntensity ?? 0);
    numbers[o + 4] = num(e.debtRatio ?? 0);
    numbers[o + 5] = num(e.need.amount);
    numbers[o + 6] = num(e.need.termMonths);
    numbers[o + 7] = num(e.need.maxRatePercent ?? 0);
    numbers[o + 8] = (e.existingLoans ?? []).length;
    collateral[i] = bits(collateralBits, e.collateral ?? []);
    instruments[i] = bits(instrumentBits, e.need.instruments);
    let z = 0;
    for (const id of e.zones ?? []) z |= 1 << (code(zoneIds, id) & 31);
    zones[i] = z;
    let c = 0;
    for (const m of e.chains ?? []) c |= 1 << (code(chainIds, m.chainId) & 31);
    chains[i] = c;
  }
  const bytes =
    numbers.byteLength +
    collateral.byteLength +
    instruments.byteLength +
    zones.byteLength +
    chains.byteLength +
    Object.values(codes).reduce((s, a) => s + a.byteLength, 0);
  return { ids, codes, numbers, bytes };
}

// ---------------------------------------------------------------------------------------------
// One measurement in a fresh process.

/**
 * Full collections with pauses between them: right after a forced GC, `heapUsed` still counts
 * pages the concurrent sweeper has not swept (garbage), which made a dropped 50,000-record parse
 * look like 1.3 KB kept per record.
 */
async function settle() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The enterprise the first-write rows add: a copy of the middle record under a new id that
 * sorts right after that record's (not past every id, as a sequence would).
 */
function newEnterprise(raw) {
  const base = raw[raw.length >> 1];
  return { ...base, id: `${base.id}-new` };
}

/** The first-prospect context written beside the enterprises (product, chains, zones), if any. */
function readContext(file) {
  const path = file.replace(/\.json$/, '.context.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

async function child(task, file) {
  const root = await import(dist);
  const read = () => JSON.parse(readFileSync(file, 'utf8'));
  const out = { task, path: process.env.FINMATCH_ZOD_ONLY === '1' ? 'zod' : 'compiled' };
  if (task === 'parse') {
    const raw = read();
    const t = timed(() => root.parseBatch('enterprise', raw));
    if (t.result.errors.length > 0) throw new Error(`${t.result.errors.length} records rejected`);
    Object.assign(out, { n: raw.length, ms: t.wall, cpuMs: t.cpu });
  } else if (task === 'index') {
    // The build, then (given a product) the first prospect on the fresh index: the first call
    // of a fresh process, as a restarted service or a CLI run makes it.
    const raw = read();
    const context = readContext(file);
    const t = timed(() =>
      root.createEnterpriseIndex(raw, {
        asOf: ASOF,
        ...(context ? { chains: context.chains, zones: context.zones } : {}),
      }),
    );
    Object.assign(out, { n: raw.length, ms: t.wall, cpuMs: t.cpu });
    if (context) {
      const first = timed(() => t.result.prospectEnterprises(context.product, { k: K_FIRST }));
      Object.assign(out, { firstMs: first.wall, firstCpuMs: first.cpu });
      // Then the first write — one new enterprise, its id amid the others' — and the same
      // prospect right after it, as a service taking its first write after a restart.
      const write = timed(() => t.result.upsertEnterprises([newEnterprise(raw)]));
      const after = timed(() => t.result.prospectEnterprises(context.product, { k: K_FIRST }));
      Object.assign(out, { firstWriteMs: write.wall, afterWriteMs: after.wall });
    }
  } else if (task === 'first-anchor') {
    // The typed-array anchor the same way: its encode, then its first query, in a fresh process.
    const raw = read();
    const context = readContext(file);
    const columns = encodeEnterprises(raw);
    const first = timed(() => scanTopEnterprises(columns, context.product, K_FIRST));
    Object.assign(out, { n: raw.length, firstMs: first.wall, firstCpuMs: first.cpu });
    const write = timed(() => appendEnterprise(columns, newEnterprise(raw)));
    const after = timed(() => scanTopEnterprises(columns, context.product, K_FIRST));
    Object.assign(out, { firstWriteMs: write.wall, afterWriteMs: after.wall });
  } else if (task === 'load') {
    // What a user of a JSON-lines file pays: read, parse and validate, one call.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await root.loadRecords('enterprise', file.replace(/\.json$/, '.jsonl'));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (result.errors.length > 0) throw new Error(`${result.errors.length} lines rejected`);
    Object.assign(out, {
      n: result.records.length,
      ms: wall,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (task === 'heap') {
    if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
    // Heap and array buffers (the index's columns and the anchor's are typed arrays).
    const usage = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const context = readContext(file);
    // Read, parse and drop one copy first, so what the runtime keeps of a parse is in the baseline.
    read();
    await settle();
    const empty = usage();
    let raw = read();
    const n = raw.length;
    await settle();
    const withRecords = usage();
    let index = root.createEnterpriseIndex(raw, {
      asOf: ASOF,
      ...(context ? { chains: context.chains, zones: context.zones } : {}),
    });
    // The first call builds what the index builds on first use (postings, tie ranks).
    if (context) index.prospectEnterprises(context.product, { k: K_FIRST });
    await settle();
    out.n = n;
    out.recordBytes = (withRecords - empty) / n;
    out.addedBytes = (usage() - withRecords) / n;
    raw = undefined;
    await settle();
    out.keptBytes = (usage() - empty) / n;
    out.size = index.enterprises.length;
    index = undefined;
    // The typed-array scan the same way: its encode (columns and ids), then its first query.
    await settle();
    const anchorEmpty = usage();
    raw = read();
    await settle();
    const anchorWithRecords = usage();
    let anchor = encodeEnterprises(raw);
    if (context) scanTopEnterprises(anchor, context.product, K_FIRST);
    await settle();
    out.anchorAddedBytes = (usage() - anchorWithRecords) / n;
    raw = undefined;
    await settle();
    out.anchorKeptBytes = (usage() - anchorEmpty) / n;
    anchor = undefined;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function spawnChild(task, file, zodOnly) {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=16000', '--expose-gc', here, '--child', task, file],
    {
      env: { ...process.env, FINMATCH_ZOD_ONLY: zodOnly ? '1' : '' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) throw new Error(`child ${task} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * Runs the validation and start-up rows on `market` (its `enterprises` as raw parsed JSON, or
 * validated records, which are serialised and parsed back first). Returns rows
 * `{ name, ms, anchorMs, anchorName, ratio, … }`; `ratio` is finmatch ÷ anchor (wall clock).
 */
export async function runValidateBench(market, options = {}) {
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const log = options.log ?? ((m) => console.error(m));
  const dir = mkdtempSync(join(tmpdir(), 'finmatch-validate-'));
  const file = join(dir, 'enterprises.json');
  // The same records with every object's keys sorted (fastjson's default order), in a folder of
  // their own so the first-prospect context sits beside them under the same name.
  const sortedFile = join(mkdtempSync(join(dir, 'sorted-')), 'enterprises.json');
  try {
    writeFileSync(file, JSON.stringify(market.enterprises));
    writeFileSync(sortedFile, JSON.stringify(market.enterprises, sortedKeysReplacer));
    writeFileSync(
      file.replace(/\.json$/, '.jsonl'),
      market.enterprises.map((e) => JSON.stringify(e)).join('\n') + '\n',
    );
    // With the market's products: one product per run (the same for finmatch and the anchor),
    // for the first prospect of a fresh process.
    const products = [...(market.products ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
    const productOf = (r) => products[(r * 211 + 17) % products.length];
    const writeContext = (r) => {
      const context = JSON.stringify({
        product: productOf(r),
        chains: market.chains,
        zones: market.zones,
      });
      for (const f of [file, sortedFile])
        writeFileSync(f.replace(/\.json$/, '.context.json'), context);
    };
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    const n = raw.length;
    const first = { finmatch: [], anchor: [] };
    const anchorTimes = [];
    const anchorCpu = [];
    const measure = {
      parse: { zod: [], compiled: [] },
      index: { zod: [], compiled: [] },
      sorted: { compiled: [] },
      load: { zod: [], compiled: [] },
    };
    for (let r = 0; r < runs; r++) {
      if (products.length > 0) writeContext(r);
      for (const task of ['parse', 'index', 'load']) {
        // Alternate the order of the two paths between runs.
        const order = r % 2 === 0 ? [false, true] : [true, false];
        for (const zodOnly of order) {
          const m = spawnChild(task, file, zodOnly);
          measure[task][m.path].push(m);
          log(`  ${task} ${m.path}: ${m.ms.toFixed(0)} ms (cpu ${m.cpuMs.toFixed(0)} ms)`);
          if (m.firstMs !== undefined && m.path === 'compiled') first.finmatch.push(m);
        }
      }
      const sorted = spawnChild('index', sortedFile, false);
      measure.sorted.compiled.push(sorted);
      log(`  index, keys sorted: ${sorted.ms.toFixed(0)} ms (cpu ${sorted.cpuMs.toFixed(0)} ms)`);
      if (products.length > 0) {
        const a = spawnChild('first-anchor', file, false);
        first.anchor.push(a);
        const f = first.finmatch.at(-1);
        log(
          `  first prospect of ${productOf(r).id}: ${f.firstMs.toFixed(1)} ms (cpu ${f.firstCpuMs.toFixed(1)}); anchor's first query ${a.firstMs.toFixed(1)} ms`,
        );
      }
      // A fresh parse for each encode, as each finmatch child reads its own: the first reader
      // of freshly parsed objects pays for touching them (V8 migrates the objects whose hidden
      // class JSON.parse generalised later), which a reused copy would hand the anchor free.
      const fresh = JSON.parse(readFileSync(file, 'utf8'));
      const a = timed(() => encodeAnchor(fresh));
      anchorTimes.push(a.wall);
      anchorCpu.push(a.cpu);
      log(`  anchor encode: ${a.wall.toFixed(0)} ms (cpu ${a.cpu.toFixed(0)} ms)`);
    }
    const heap = spawnChild('heap', file, false);
    log(
      `  memory: the index adds ${heap.addedBytes.toFixed(0)} B per enterprise to the caller's ${heap.recordBytes.toFixed(0)} B of records, keeps ${heap.keptBytes.toFixed(0)} B once they are dropped (anchor ${heap.anchorAddedBytes.toFixed(0)} / ${heap.anchorKeptBytes.toFixed(0)} B)`,
    );
    const sortedHeap = spawnChild('heap', sortedFile, false);
    log(
      `  memory, keys sorted: the index adds ${sortedHeap.addedBytes.toFixed(0)} B per enterprise (anchor ${sortedHeap.anchorAddedBytes.toFixed(0)} B)`,
    );
    const anchorMs = median(anchorTimes);
    const anchorName = 'typed-array columnar encode (bench/validate.mjs)';
    const rowOf = (name, list) => {
      const ms = median(list.map((m) => m.ms));
      return {
        name,
        n,
        ms,
        cpuMs: median(list.map((m) => m.cpuMs)),
        usPerRecord: (ms * 1000) / n,
        anchorName,
        anchorMs,
        anchorCpuMs: median(anchorCpu),
        ratio: ms / anchorMs,
        times: 'public API, fresh process',
      };
    };
    const rows = [
      rowOf(
        `parseBatch('enterprise', raw) — zod (reference path), ${n} records`,
        measure.parse.zod,
      ),
      rowOf(
        `parseBatch('enterprise', raw) — compiled validator, ${n} records`,
        measure.parse.compiled,
      ),
      rowOf(`createEnterpriseIndex(raw) — zod path, validate + build`, measure.index.zod),
      rowOf(
        `createEnterpriseIndex(raw) — compiled validator, validate + build`,
        measure.index.compiled,
      ),
      rowOf(
        `loadRecords('enterprise', JSON lines) — zod path, read + parse + validate`,
        measure.load.zod,
      ),
      rowOf(
        `loadRecords('enterprise', JSON lines) — compiled validator, read + parse + validate`,
        measure.load.compiled,
      ),
      rowOf(
        `createEnterpriseIndex(raw, keys sorted) — compiled validator, validate + build (every object's keys in alphabetical order, as fastjson writes them)`,
        measure.sorted.compiled,
      ),
      row({
        section: 'start-up',
        name: 'memory the index adds per enterprise to the caller’s records (heap + array buffers, after its first prospect)',
        times: 'public API, fresh process',
        n,
        unit: 'B',
        p50: heap.addedBytes,
        anchors: [
          {
            name: 'typed-array scan: its columns and ids, after its first query',
            p50: heap.anchorAddedBytes,
          },
        ],
        goal: { text: '≤ 400 B', p50: [400, 400] },
        notes: { 'B per enterprise of the caller’s parsed records': Math.round(heap.recordBytes) },
      }),
      row({
        section: 'start-up',
        name: 'memory the index adds per enterprise to the caller’s records, keys sorted (fastjson’s order)',
        times: 'public API, fresh process',
        n,
        unit: 'B',
        p50: sortedHeap.addedBytes,
        anchors: [
          {
            name: 'typed-array scan: its columns and ids, after its first query',
            p50: sortedHeap.anchorAddedBytes,
          },
        ],
        goal: { text: '≤ 400 B', p50: [400, 400] },
        notes: {
          'B per enterprise of the caller’s parsed records': Math.round(sortedHeap.recordBytes),
        },
      }),
      row({
        section: 'start-up',
        name: 'memory per enterprise once the caller drops its records (the index keeps them: index.enterprises)',
        times: 'public API, fresh process',
        n,
        unit: 'B',
        p50: heap.keptBytes,
        anchors: [{ name: 'typed-array scan, raw records dropped', p50: heap.anchorKeptBytes }],
      }),
    ];
    if (first.finmatch.length > 0) {
      const p50 = median(first.finmatch.map((m) => m.firstMs));
      rows.push(
        row({
          section: 'start-up',
          name: `first prospectEnterprises(product, { k: ${K_FIRST} }) after createEnterpriseIndex, fresh process (one product per run)`,
          times: 'public API, fresh process',
          n: first.finmatch.length,
          p50,
          anchors: [
            {
              name: 'typed-array scan, first query after its encode, fresh process',
              p50: median(first.anchor.map((m) => m.firstMs)),
            },
          ],
          goal: options.quick ? undefined : { text: '≤ 10 ms (25 ms)', p50: [10, 25] },
          notes: {
            'cpu ms': median(first.finmatch.map((m) => m.firstCpuMs)),
            each: first.finmatch.map((m) => m.firstMs.toFixed(1)).join(' / '),
          },
        }),
      );
      // The first write after it, and the same prospect right after the write.
      for (const [field, name, anchor] of [
        [
          'firstWriteMs',
          'first upsertEnterprises([one new enterprise]) after that first prospect, fresh process (its id amid the others)',
          'typed-array scan: append one row (its columns, sized to the load, grow), fresh process',
        ],
        [
          'afterWriteMs',
          `the same prospectEnterprises(product, { k: ${K_FIRST} }) right after that first write, fresh process`,
          'typed-array scan: the same query right after its append, fresh process',
        ],
      ]) {
        rows.push(
          row({
            section: 'start-up',
            name,
            times: 'public API, fresh process',
            n: first.finmatch.length,
            p50: median(first.finmatch.map((m) => m[field])),
            anchors: [{ name: anchor, p50: median(first.anchor.map((m) => m[field])) }],
            notes: { each: first.finmatch.map((m) => m[field].toFixed(2)).join(' / ') },
          }),
        );
      }
    }
    const zodParse = rows[0].ms;
    rows[1].speedupOverZod = zodParse / rows[1].ms;
    rows[3].speedupOverZod = rows[2].ms / rows[3].ms;
    rows[5].speedupOverZod = rows[4].ms / rows[5].ms;
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1], args[2]);
} else if (process.argv[1] === here) {
  const usage = `usage: node bench/validate.mjs [--scale seed|small] [--runs N]

Validation, start-up and memory in fresh processes, alone (npm run bench runs it as the validate
part).

  --scale S   seed (default) or small
  --runs N    fresh processes per row (default 3 at seed scale, 5 at small)
  --help      this text`;
  const values = benchArgs(usage, { scale: { type: 'string' }, runs: { type: 'string' } }, args);
  const scale = values.scale ?? 'seed';
  if (scale !== 'seed' && scale !== 'small')
    usageError(`--scale must be seed or small, got ${JSON.stringify(scale)}`, usage);
  const runs = positiveInteger(values, 'runs', scale === 'seed' ? 3 : 5, usage);
  const { generateMarket } = await import(dist);
  console.error(`generating the ${scale} market…`);
  const market = generateMarket({ seed: 1, scale, asOf: ASOF });
  const { enterprises, products, chains, zones } = market;
  const rows = await runValidateBench({ enterprises, products, chains, zones }, { runs });
  for (const r of rows) {
    if (Array.isArray(r.anchors))
      console.log(
        `${r.name}: ${value(r.p50, r.unit)} — ${r.anchors.map((a) => `${a.name} ${value(a.p50, r.unit)} (${a.ratio.toFixed(2)}×)`).join('; ')}`,
      );
    else if (r.ms !== undefined)
      console.log(
        `${r.name}: ${r.ms.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)}), ${r.usPerRecord.toFixed(2)} µs/record — anchor ${r.anchorMs.toFixed(0)} ms — ratio ${r.ratio.toFixed(1)}×${r.speedupOverZod ? ` — ${r.speedupOverZod.toFixed(2)}× faster than zod` : ''}`,
      );
  }
}
