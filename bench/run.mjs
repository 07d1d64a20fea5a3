// finmatch benchmarks: each target beside a naive baseline in the same process, same data,
// same profile. `node bench/run.mjs [--quick] [--json]` (run via `npm run bench`).
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as fast from '../dist/fast.js';
import { source as root } from './lib/source.mjs';
import { median, rng, timeEach } from './lib/stats.mjs';

// `npm run bench` starts plain `node bench/run.mjs`: the memory figures need `gc()` and the
// seed-scale market needs more heap than the default, so re-run this script with both flags.
if (typeof globalThis.gc !== 'function' && !process.env.FINMATCH_BENCH_RESPAWNED) {
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

const loadAtStart = loadavg();

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const log = (...a) => {
  if (!json) console.error(...a);
};
const scale = quick ? 'small' : 'seed';
const asOf = '2026-06-30';

log(`generating the ${scale} market…`);
let t0 = performance.now();
const market = root.generateMarket({ seed: 1, scale, asOf });
log(
  `  ${market.enterprises.length} enterprises, ${market.products.length} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const { enterprises, products, chains, zones } = market;
const reference = {
  chains: new Map(chains.map((c) => [c.id, c])),
  zones: new Map(zones.map((z) => [z.id, z])),
};
const env = { asOf, locale: 'zh', reference };
const profile = fast.enterpriseProductProfile();
const rows = [];
const add = (target, goal, fastMs, naiveMs, extra = {}) =>
  rows.push({
    target,
    goal,
    fastMs,
    naiveMs,
    ratio: naiveMs !== undefined ? naiveMs / fastMs : undefined,
    ...extra,
  });

// 1. Index build and memory.
globalThis.gc?.();
const before = process.memoryUsage();
t0 = performance.now();
const index = fast.FastSubjectIndex.create(profile, env, enterprises);
index.columns.tieRank();
for (let k = 0; k < index.plan.keys.length; k++) index.columns.postings(k);
const buildMs = performance.now() - t0;
globalThis.gc?.();
const after = process.memoryUsage();
const bytesPerEnterprise =
  (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) /
  enterprises.length;
add('build index (columns + postings)', '≤ 3000 ms, ≤ 400 B/enterprise', buildMs, undefined, {
  bytesPerEnterprise: Math.round(bytesPerEnterprise),
  typedBytesPerEnterprise: Math.round(index.columns.byteLength() / enterprises.length),
});

// 2. rankProducts, 741 products, with contributions of the top 10.
const random = rng(42);
const sample = Array.from(
  { length: quick ? 300 : 2000 },
  () => enterprises[Math.floor(random() * enterprises.length)],
);
const matcher = fast.createProductMatcher(products, { asOf, chains, zones });
const catalogue = fast.FastCatalogue.create(
  profile,
  env,
  [...products].sort((a, b) => (a.id < b.id ? -1 : 1)),
);
const rankFast = median(timeEach(sample.length, (i) => catalogue.rank(sample[i], 10, false)));
const rankApi = median(timeEach(sample.length, (i) => matcher.rankProducts(sample[i], { k: 10 })));
const naiveRank = (e) => {
  const out = [];
  for (const p of products) {
    const r = root.scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
    if (r.eligible) out.push({ id: p.id, score: r.score, contributions: r.contributions });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 10);
};
const rankNaive = median(timeEach(Math.min(200, sample.length), (i) => naiveRank(sample[i])));
add('rankProducts (741 products, top 10 + contributions)', 'p50 ≤ 0.2 ms', rankFast, rankNaive, {
  publicApiMs: rankApi,
});

// 3. Prospect the top 100 enterprises for a product.
const prospectSample = Array.from(
  { length: quick ? 40 : 60 },
  () => products[Math.floor(random() * products.length)],
);
// Cold: the first call for a product (compiles it); warm: repeated calls (compiled-target cache).
index.invalidate();
for (const p of products.slice(0, 5)) index.rank(p, 100, false); // JIT warm-up, other products
index.invalidate();
const prospectCold = median(
  timeEach(prospectSample.length, (i) => index.rank(prospectSample[i], 100, false), 0),
);
const prospectFast = median(
  timeEach(prospectSample.length, (i) => index.rank(prospectSample[i], 100, false), 0),
);
const naiveProspect = (p) => {
  const out = [];
  for (const e of enterprises) {
    const r = root.scorePair(profile, { subject: e, target: p, ...env }, { exhaustive: false });
    if (r.eligible) out.push({ id: e.id, score: r.score });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 100);
};
const prospectNaive = median(timeEach(quick ? 5 : 3, (i) => naiveProspect(prospectSample[i]), 1));
add(
  'prospect top 100 enterprises for a product, warm (compiled target cached)',
  'p50 ≤ 5 ms, ≥ 30× naive',
  prospectFast,
  prospectNaive,
);
add(
  'prospect top 100, cold (first call for the product, includes compiling it)',
  'p50 ≤ 5 ms, ≥ 30× naive',
  prospectCold,
  prospectNaive,
);

// 4. Sweep: top 10 products for every enterprise on 2 threads.
const workerPath = fileURLToPath(new URL('../dist/sweep-worker.cjs', import.meta.url));
t0 = performance.now();
let swept = 0;
for await (const r of fast.sweep(enterprises, products, {
  k: 10,
  threads: 2,
  asOf,
  chains,
  zones,
  workerPath,
}))
  swept += r.matches.length > -1 ? 1 : 0;
const sweepMs = performance.now() - t0;
add(
  'sweep top 10 for every enterprise (2 threads, incl. parse + encode)',
  '≤ 10000 ms',
  sweepMs,
  rankNaive * enterprises.length,
  { enterprises: swept },
);

// 5. Stable assignment, 10,000 projects × 2,000 investors with capacities, ~100 eligible
// investors per project: a synthetic instance built directly as columns (1M pairs).
{
  const nProjects = 10000;
  const nInvestors = 2000;
  const perProject = 100;
  const r = rng(7);
  const subjects = Array.from(
    { length: nProjects },
    (_, i) => `proj-${String(i).padStart(6, '0')}`,
  );
  const targets = Array.from({ length: nInvestors }, (_, i) => ({
    id: `inv-${String(i).padStart(5, '0')}`,
    capacity: 1 + Math.floor(r() * 10),
  }));
  const nPairs = nProjects * perProject;
  const pairs = {
    subject: new Int32Array(nPairs),
    target: new Int32Array(nPairs),
    subjectScore: new Float64Array(nPairs),
    targetScore: new Float64Array(nPairs),
    score: new Float64Array(nPairs),
  };
  const chosen = new Int32Array(nInvestors).fill(-1);
  let p = 0;
  for (let s = 0; s < nProjects; s++) {
    for (let c = 0; c < perProject;) {
      const t = Math.floor(r() * nInvestors);
      if (chosen[t] === s) continue;
      chosen[t] = s;
      const a = r();
      const b = r();
      pairs.subject[p] = s;
      pairs.target[p] = t;
      pairs.subjectScore[p] = a;
      pairs.targetScore[p] = b;
      pairs.score[p] = (a + b) / 2;
      p++;
      c++;
    }
  }
  try {
    t0 = performance.now();
    const compiled = root.compileAssignmentColumns({ subjects, targets, pairs });
    const compileMs = performance.now() - t0;
    const result = root.stableAssignment(compiled);
    add(
      'stable assignment 10,000 × 2,000, ~100 eligible/project (compile + solve)',
      '≤ 2000 ms',
      performance.now() - t0,
      undefined,
      { compileMs: Math.round(compileMs), assigned: result.assignments.length },
    );
  } catch (e) {
    add('stable assignment 10,000 × 2,000 (src/assign)', '≤ 2000 ms', NaN, undefined, {
      error: String(e.message ?? e).slice(0, 200),
    });
  }
}

const goalMs = (goal) => Number(/≤ ([\d.]+) ms/.exec(goal)?.[1]);
for (const r of rows) {
  const limit = goalMs(r.goal);
  const ratioOk = !/30×/.test(r.goal) || (r.ratio ?? 0) >= 30;
  r.pass = Number.isFinite(r.fastMs) && r.fastMs <= limit && ratioOk;
}
const cpuModel =
  /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
const machine = {
  nproc: Number(execSync('nproc').toString().trim()),
  cpu: cpuModel,
  node: process.version,
  loadAverageAtStart: loadAtStart.map((x) => Number(x.toFixed(2))),
  date: new Date().toISOString(),
};
const report = {
  scale,
  enterprises: enterprises.length,
  products: products.length,
  machine,
  results: rows,
};
const fmt = (x) =>
  x === undefined ? '—' : Number.isNaN(x) ? 'error' : x < 10 ? x.toFixed(3) : x.toFixed(0);
const table = [
  '| target | goal | fast p50 (ms) | naive p50 (ms) | ratio | pass | notes |',
  '|---|---|---:|---:|---:|:-:|---|',
  ...rows.map((r) => {
    const { target, goal, fastMs, naiveMs, ratio, pass, ...notes } = r;
    return `| ${target} | ${goal} | ${fmt(fastMs)} | ${fmt(naiveMs)} | ${ratio ? ratio.toFixed(0) + '×' : '—'} | ${pass ? 'pass' : 'FAIL'} | ${Object.entries(
      notes,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')} |`;
  }),
].join('\n');
const heading = `finmatch bench — ${scale} scale: ${enterprises.length} enterprises × ${products.length} products`;
const facts = `Machine: ${machine.nproc} cores (nproc), ${machine.cpu}, Node ${machine.node}; load average at start ${machine.loadAverageAtStart.join(' / ')} (1/5/15 min; other work on the machine inflates timings).`;
if (!quick) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}performance.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${dir}performance.md`, `# ${heading}\n\n${facts}\n\n${table}\n`);
}
if (json) console.log(JSON.stringify(report, null, 2));
else console.log(`\n${heading}\n${facts}\n\n${table}`);
