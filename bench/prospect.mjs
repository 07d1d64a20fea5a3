// Prospecting and ranking latency through the public API, each beside a same-run anchor: a
// hand-written typed-array full scan of a simple model over the same enterprises.
//
//   node --max-old-space-size=16000 bench/prospect.mjs [--quick] [--json]
//
// `runProspectBench(market, options)` returns the rows; bench/run.mjs calls it. Imports the
// built package (`npx tsup` first); FINMATCH_BENCH_DIST points at another build of
// src/index.ts (a directory holding index.js) for side-by-side runs of two builds.
import { fileURLToPath } from 'node:url';
import { rng, summarise, timeAlternating } from './lib/stats.mjs';
import { benchArgs } from './lib/args.mjs';

/**
 * What each row times. `first` is one call; the others are per-call samples summarised as
 * p50/p95 (ms). Every finmatch figure has an anchor figure taken in the same run, the same
 * way (first call, first call per product, repeat calls, the same filters and host garbage).
 */
export const PROSPECT_BENCH_ROWS = {
  first: 'first prospect on a fresh index (k = 100)',
  cold: 'prospect, cold: first call for each product (k = 100)',
  warm: 'prospect, warm: the same products again (k = 100)',
  chain: 'prospect, warm, filter { chains: [one chain] }',
  zone: 'prospect, warm, filter { zones: [one zone] }',
  churn: 'prospect, warm, host allocating 1 MB of short-lived objects between calls',
  rank: 'rankProducts for one enterprise (741 products, k = 10)',
};

/** The targets (#14), in ms: [goal, floor] per statistic. */
const GOALS = {
  first: { p50: [10, 25] },
  cold: { p50: [3, 5], p95: [8, 8] },
  warm: { p50: [1, 2], p95: [3, 5] },
  chain: { p50: [1, 2], p95: [3, 5] },
  zone: { p50: [1, 2], p95: [3, 5] },
  churn: { p50: [1, 2], p95: [3, 5] },
  rank: { p50: [0.05, 0.05] },
};

/**
 * Runs the prospecting benchmark on `market` (as `generateMarket` returns it).
 *
 * @param {object} market - `{ enterprises, products, chains, zones }`
 * @param {object} [options]
 * @param {string} [options.asOf] - evaluation date (default '2026-06-30')
 * @param {number} [options.k] - results per prospect call (100)
 * @param {number} [options.coldProducts] - products timed cold, each once (200)
 * @param {number} [options.warmProducts] - products timed warm (60, within the index's cache of 64)
 * @param {number} [options.warmRounds] - passes over the warm products (3)
 * @param {number} [options.rankSamples] - enterprises for rankProducts (2000)
 * @param {object} [options.finmatch] - the module to measure (default: the built package)
 * @param {(line: string) => void} [options.log] - progress lines
 * @returns {Promise<object[]>} one row per measurement: `{ key, target, stat, finmatch, anchor, ratio, goal, floor, pass }`
 */
export async function runProspectBench(market, options = {}) {
  const asOf = options.asOf ?? '2026-06-30';
  const k = options.k ?? 100;
  const log = options.log ?? (() => {});
  const fm = options.finmatch ?? (await import(distEntry()));
  const { enterprises, products, chains, zones } = market;
  const random = rng(7);
  const pick = (list, n) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  };
  const coldSample = pick(products, options.coldProducts ?? 200);
  const warmSample = coldSample.slice(0, Math.min(options.warmProducts ?? 60, coldSample.length));
  const warmRounds = options.warmRounds ?? 3;
  // A filter per warm product: a chain (zone) the product serves when it names one, else any.
  const chainOf = (p, i) => p.chains[0] ?? chains[i % chains.length].id;
  const zoneOf = (p, i) => p.zones[0] ?? zones[i % zones.length].id;

  const results = {};
  const record = (key, fin, anc) => (results[key] = { fin, anc });

  // First call on a fresh index; the anchor's first call on freshly encoded columns.
  log('building the index…');
  let t = performance.now();
  const index = fm.createEnterpriseIndex(enterprises, { asOf, chains, zones });
  const buildMs = performance.now() - t;
  const first = coldSample[coldSample.length - 1];
  t = performance.now();
  index.prospectEnterprises(first, { k });
  const firstMs = performance.now() - t;
  t = performance.now();
  const anchor = new AnchorIndex(enterprises);
  const anchorBuildMs = performance.now() - t;
  t = performance.now();
  anchor.prospect(first, k);
  record('first', [firstMs], [performance.now() - t]);
  log(`  build ${buildMs.toFixed(0)} ms (anchor encode ${anchorBuildMs.toFixed(0)} ms)`);

  // Cold: each sampled product's first call, alternating with the anchor's first call for it.
  const cold = timeAlternating(
    coldSample.length - 1,
    (i) => index.prospectEnterprises(coldSample[i], { k }),
    (i) => anchor.prospect(coldSample[i], k),
  );
  record('cold', ...cold);

  const rounds = (fn) => (i) => fn(warmSample[i % warmSample.length], i % warmSample.length);
  const n = warmSample.length * warmRounds;
  // The cold pass went through more products than the index's cache holds (64): call each warm
  // product once, untimed, so every timed call below is a repeat.
  for (const p of warmSample) {
    index.prospectEnterprises(p, { k });
    anchor.prospect(p, k);
  }
  record(
    'warm',
    ...timeAlternating(
      n,
      rounds((p) => index.prospectEnterprises(p, { k })),
      rounds((p) => anchor.prospect(p, k)),
    ),
  );
  // Filters: the first call for each (product, chain) pair is not timed.
  for (const [key, of, field] of [
    ['chain', chainOf, 'chains'],
    ['zone', zoneOf, 'zones'],
  ]) {
    const fin = rounds((p, i) =>
      index.prospectEnterprises(p, { k, filter: { [field]: [of(p, i)] } }),
    );
    const anc = rounds((p, i) => anchor.prospect(p, k, field, of(p, i)));
    for (let i = 0; i < warmSample.length; i++) {
      fin(i);
      anc(i);
    }
    record(key, ...timeAlternating(n, fin, anc));
  }
  // A host that allocates: 1 MB of short-lived objects before each call (not timed).
  let sink = 0;
  const churn = () => {
    let garbage = [];
    for (let i = 0; i < 16384; i++) garbage.push({ i, s: `row-${i}`, v: [i, i + 1] });
    sink += garbage.length;
    garbage = null;
  };
  record(
    'churn',
    ...timeAlternating(
      n,
      rounds((p) => index.prospectEnterprises(p, { k })),
      rounds((p) => anchor.prospect(p, k)),
      churn,
    ),
  );

  // rankProducts for one enterprise through the public product matcher.
  log('ranking products…');
  const matcher = fm.createProductMatcher(products, { asOf, chains, zones });
  const catalogue = new AnchorCatalogue(products);
  const rankSample = pick(enterprises, options.rankSamples ?? 2000);
  for (let i = 0; i < 50; i++) {
    matcher.rankProducts(rankSample[i], { k: 10 });
    catalogue.rank(rankSample[i], 10);
  }
  record(
    'rank',
    ...timeAlternating(
      rankSample.length,
      (i) => matcher.rankProducts(rankSample[i], { k: 10 }),
      (i) => catalogue.rank(rankSample[i], 10),
    ),
  );
  if (sink < 0) log('');

  const rows = [];
  for (const [key, { fin, anc }] of Object.entries(results)) {
    const f = summarise(fin);
    const a = summarise(anc);
    for (const [stat, [goal, floor]] of Object.entries(GOALS[key])) {
      const value = key === 'first' ? fin[0] : f[stat];
      const base = key === 'first' ? anc[0] : a[stat];
      rows.push({
        key,
        target: PROSPECT_BENCH_ROWS[key],
        stat: key === 'first' ? 'once' : stat,
        n: fin.length,
        finmatchMs: value,
        anchorMs: base,
        ratio: value / base,
        goalMs: goal,
        floorMs: floor,
        pass: value <= goal ? 'pass' : value <= floor ? 'floor' : 'FAIL',
      });
    }
  }
  rows.buildMs = buildMs;
  return rows;
}

/** The built entry to measure: FINMATCH_BENCH_DIST/index.js, else ../dist/index.js. */
function distEntry() {
  const dir = process.env.FINMATCH_BENCH_DIST;
  return dir
    ? new URL(`file://${dir.replace(/\/$/, '')}/index.js`).href
    : new URL('../dist/index.js', import.meta.url).href;
}

const STAGES = ['seed', 'startup', 'growth', 'expansion', 'mature'];

/** Dictionary-encodes strings: id per distinct value. */
function encoder() {
  const ids = new Map();
  const values = [];
  return {
    values,
    id(v) {
      let i = ids.get(v);
      if (i === undefined) ids.set(v, (i = values.push(v) - 1));
      return i;
    },
  };
}

/**
 * Amount fit of the simple model: 1 inside [min, max], else falling with the log distance to
 * the nearer bound (0 at a factor of 10).
 */
function amountFit(x, min, max) {
  if (x >= min && x <= max) return 1;
  const d = Math.abs(Math.log10(x < min ? min / x : x / max));
  return d >= 1 ? 0 : 1 - d;
}

/**
 * The anchor: a hand-written typed-array full scan of a simple model — eligible when the
 * product's sector, region and stage lists admit the enterprise (empty lists admit all), scored
 * by amount fit, top k by score then id in a bounded heap. Per product, the sector and region
 * pass tables are computed on its first call and cached (as finmatch caches compiled products).
 */
class AnchorIndex {
  constructor(enterprises) {
    const n = enterprises.length;
    this.n = n;
    this.ids = enterprises.map((e) => e.id);
    const order = [...this.ids.keys()].sort((a, b) =>
      this.ids[a] < this.ids[b] ? -1 : this.ids[a] > this.ids[b] ? 1 : 0,
    );
    this.tie = new Int32Array(n);
    order.forEach((row, pos) => (this.tie[row] = pos));
    this.sectors = encoder();
    this.regions = encoder();
    this.sector = new Uint16Array(n);
    this.region = new Uint16Array(n);
    this.stage = new Uint8Array(n);
    this.amount = new Float64Array(n);
    const chainRows = new Map();
    const zoneRows = new Map();
    const add = (map, id, row) => {
      let list = map.get(id);
      if (!list) map.set(id, (list = []));
      list.push(row);
    };
    enterprises.forEach((e, r) => {
      this.sector[r] = this.sectors.id(e.sector);
      this.region[r] = this.regions.id(e.region);
      this.stage[r] = STAGES.indexOf(e.stage);
      this.amount[r] = e.need.amount;
      for (const c of e.chains) add(chainRows, c.chainId, r);
      for (const z of e.zones) add(zoneRows, z, r);
    });
    const typed = (map) => new Map([...map].map(([id, rows]) => [id, Int32Array.from(rows)]));
    this.members = { chains: typed(chainRows), zones: typed(zoneRows) };
    this.tables = new Map();
    this.heapScores = new Float64Array(0);
    this.heapRows = new Int32Array(0);
  }

  tablesOf(p) {
    let t = this.tables.get(p.id);
    if (!t) {
      const prefixPass = (values, prefixes) =>
        Uint8Array.from(values, (v) =>
          prefixes.length === 0 || prefixes.some((x) => v.startsWith(x)) ? 1 : 0,
        );
      const sector = prefixPass(this.sectors.values, p.targetSectors);
      const excluded = prefixPass(this.sectors.values, p.excludedSectors);
      if (p.excludedSectors.length > 0)
        for (let i = 0; i < sector.length; i++) sector[i] &= excluded[i] ^ 1;
      t = {
        sector,
        region: prefixPass(this.regions.values, p.regions),
        stage: Uint8Array.from(STAGES, (s) =>
          p.stages.length === 0 || p.stages.includes(s) ? 1 : 0,
        ),
      };
      this.tables.set(p.id, t);
    }
    return t;
  }

  /** The top `k` enterprise ids for product `p`, optionally only members of one chain/zone. */
  prospect(p, k, field, id) {
    const { sector, region, stage } = this.tablesOf(p);
    const min = p.amount.min;
    const max = p.amount.max;
    if (this.heapScores.length < k) {
      this.heapScores = new Float64Array(k);
      this.heapRows = new Int32Array(k);
    }
    const hs = this.heapScores;
    const hr = this.heapRows;
    const tie = this.tie;
    let size = 0;
    const worse = (s1, r1, s2, r2) => s1 < s2 || (s1 === s2 && tie[r1] > tie[r2]);
    const visit = (r) => {
      if (!sector[this.sector[r]] || !region[this.region[r]] || !stage[this.stage[r]]) return;
      const s = amountFit(this.amount[r], min, max);
      if (size < k) {
        let i = size++;
        while (i > 0) {
          const q = (i - 1) >> 1;
          if (!worse(s, r, hs[q], hr[q])) break;
          hs[i] = hs[q];
          hr[i] = hr[q];
          i = q;
        }
        hs[i] = s;
        hr[i] = r;
      } else if (worse(hs[0], hr[0], s, r)) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const c = l + 1 < size && worse(hs[l + 1], hr[l + 1], hs[l], hr[l]) ? l + 1 : l;
          if (!worse(hs[c], hr[c], s, r)) break;
          hs[i] = hs[c];
          hr[i] = hr[c];
          i = c;
        }
        hs[i] = s;
        hr[i] = r;
      }
    };
    if (field) {
      const rows = this.members[field].get(id) ?? new Int32Array(0);
      for (let i = 0; i < rows.length; i++) visit(rows[i]);
    } else for (let r = 0; r < this.n; r++) visit(r);
    const out = [];
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) =>
      worse(hs[a], hr[a], hs[b], hr[b]) ? 1 : -1,
    );
    for (const i of order) out.push({ enterpriseId: this.ids[hr[i]], score: hs[i] });
    return out;
  }
}

/** The anchor of rankProducts: the simple model over the products for one enterprise. */
class AnchorCatalogue {
  constructor(products) {
    this.products = products;
    this.min = Float64Array.from(products, (p) => p.amount.min);
    this.max = Float64Array.from(products, (p) => p.amount.max);
  }

  rank(e, k) {
    const scored = [];
    const ps = this.products;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      if (p.stages.length > 0 && !p.stages.includes(e.stage)) continue;
      if (p.targetSectors.length > 0 && !p.targetSectors.some((s) => e.sector.startsWith(s)))
        continue;
      if (p.excludedSectors.some((s) => e.sector.startsWith(s))) continue;
      if (p.regions.length > 0 && !p.regions.some((r) => e.region.startsWith(r))) continue;
      scored.push({ i, s: amountFit(e.need.amount, this.min[i], this.max[i]) });
    }
    scored.sort((a, b) => b.s - a.s || (ps[a.i].id < ps[b.i].id ? -1 : 1));
    return scored.slice(0, k).map(({ i, s }) => ({ productId: ps[i].id, score: s }));
  }
}

/** The rows as a Markdown table. */
export function prospectBenchTable(rows) {
  const f = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
  const lines = [
    '| what | stat | finmatch (ms) | anchor (ms) | ratio | goal (floor) | pass |',
    '| --- | --- | ---: | ---: | ---: | --- | :-: |',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.target} | ${r.stat} | ${f(r.finmatchMs)} | ${f(r.anchorMs)} | ${r.ratio.toFixed(2)} | ≤ ${r.goalMs} (${r.floorMs}) | ${r.pass} |`,
    );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = benchArgs(
    `usage: node bench/prospect.mjs [--quick] [--json]

Prospecting (first, cold, warm, filtered) beside the typed-array scan, alone (npm run bench runs
it as the prospect part).

  --quick   the small market
  --json    print the rows as JSON
  --help    this text`,
    { quick: { type: 'boolean' }, json: { type: 'boolean' } },
  );
  const quick = args.quick === true;
  const json = args.json === true;
  const log = (line) => {
    if (!json) console.error(line);
  };
  const fm = await import(distEntry());
  const scale = quick ? 'small' : 'seed';
  log(`generating the ${scale} market…`);
  const t = performance.now();
  const market = fm.generateMarket({ seed: 1, scale, asOf: '2026-06-30' });
  log(
    `  ${market.enterprises.length} enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const rows = await runProspectBench(market, { finmatch: fm, log });
  if (json) console.log(JSON.stringify(rows, null, 2));
  else console.log(prospectBenchTable(rows));
}
