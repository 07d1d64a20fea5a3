// finmatch benchmarks: each target beside a naive baseline in the same process, same data,
// same profile. `node bench/run.mjs [--quick] [--json]` (run via `npm run bench`).
import { fileURLToPath } from 'node:url';
import * as fast from '../dist/fast.js';
import * as root from '../dist/index.js';
import { importSource } from './lib/source.mjs';
import { median, rng, timeEach } from './lib/stats.mjs';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const log = (...a) => {
  if (!json) console.error(...a);
};
const scale = quick ? 'small' : 'seed';
const asOf = '2026-06-30';
const gen = await importSource('generate/index.ts', 'generate');
const assignMod = await importSource('assign/index.ts', 'assign');

log(`generating the ${scale} market…`);
let t0 = performance.now();
const market = gen.generateMarket({ seed: 1, scale, asOf });
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
const prospectFast = median(
  timeEach(prospectSample.length, (i) => index.rank(prospectSample[i], 100, false), 5),
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
  'prospect top 100 enterprises for a product',
  'p50 ≤ 5 ms, ≥ 30× naive',
  prospectFast,
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

// 5. Stable assignment, 10,000 projects × 2,000 investors (src/assign, benchmarked only).
try {
  const { projects, investors } = scaleAssignment(market, 10000, 2000);
  t0 = performance.now();
  assignMod.assign(projects, investors, { asOf, method: 'stable' });
  add(
    'stable assignment 10,000 × 2,000 (src/assign)',
    '≤ 2000 ms',
    performance.now() - t0,
    undefined,
  );
} catch (e) {
  add('stable assignment 10,000 × 2,000 (src/assign)', '≤ 2000 ms', NaN, undefined, {
    error: String(e.message ?? e).slice(0, 200),
  });
}

function scaleAssignment(m, nProjects, nInvestors) {
  const cycle = (list, n, prefix) =>
    Array.from({ length: n }, (_, i) => ({
      ...list[i % list.length],
      id: `${prefix}-${String(i).padStart(6, '0')}`,
    }));
  return {
    projects: cycle(m.projects, nProjects, 'proj'),
    investors: cycle(m.investors, nInvestors, 'inv'),
  };
}

if (json) {
  console.log(
    JSON.stringify(
      { scale, enterprises: enterprises.length, products: products.length, results: rows },
      null,
      2,
    ),
  );
} else {
  const fmt = (x) =>
    x === undefined ? '—' : Number.isNaN(x) ? 'error' : x < 10 ? x.toFixed(3) : x.toFixed(0);
  console.log(
    `\nfinmatch bench — ${scale} scale: ${enterprises.length} enterprises × ${products.length} products, Node ${process.version}\n`,
  );
  console.log('| target | goal | fast p50 (ms) | naive p50 (ms) | ratio | notes |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const r of rows) {
    const { target, goal, fastMs, naiveMs, ratio, ...notes } = r;
    console.log(
      `| ${target} | ${goal} | ${fmt(fastMs)} | ${fmt(naiveMs)} | ${ratio ? ratio.toFixed(0) + '×' : '—'} | ${Object.entries(
        notes,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')} |`,
    );
  }
}
