// Collaborative signal: quality (leave-one-out HR@10 / nDCG@10), fit time and cost per scored
// pair of item–item co-occurrence vs implicit-feedback ALS, on
//   (i)  the generated market (`generateMarket`, when the package exports it; otherwise a seeded
//        synthetic market with planted clusters), and
//   (ii) real data: Crunchbase 2013 US companies → investors
//        (/work/shared/datasets/crunchbase-2013-us/investments_joined_us.csv.gz, streamed).
//
// Usage: npm run build && node bench/collab.bench.mjs [--quick]
// FINMATCH_BENCH_MODULE=/path/to/bundle.mjs overrides the module (a bundle of src/collab).
import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { benchArgs } from './lib/args.mjs';

const args = benchArgs(
  `usage: node bench/collab.bench.mjs [--quick]

Co-occurrence vs ALS: quality, fit time and cost per pair (FINMATCH_BENCH_MODULE for another
bundle, CRUNCHBASE_JOINED for another file).

  --quick   a smaller run
  --help    this text`,
  { quick: { type: 'boolean' } },
);

const modulePath = process.env.FINMATCH_BENCH_MODULE ?? '../dist/index.js';
const lib = await import(modulePath);
const { fitAls, fitCooccurrence, collaborativeFactor, DEFAULT_FEEDBACK_WEIGHTS } = lib;
if (typeof fitAls !== 'function' || typeof fitCooccurrence !== 'function') {
  console.error(`${modulePath} does not export fitAls/fitCooccurrence (collab API not built yet)`);
  process.exit(1);
}
const quick = args.quick === true;
const CRUNCHBASE =
  process.env.CRUNCHBASE_JOINED ??
  '/work/shared/datasets/crunchbase-2013-us/investments_joined_us.csv.gz';

// ---------------------------------------------------------------- data

/** Streams the joined Crunchbase file: one `funded` interaction per (investor, company, round). */
async function loadCrunchbase(path) {
  const out = [];
  const seen = new Set();
  const parser = createReadStream(path)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, relax_quotes: true, skip_empty_lines: true }));
  for await (const row of parser) {
    const investor = cleanId(row.investor_name);
    const company = cleanId(row.company_permalink || row.company_name);
    const date = row.funded_at || row.funded_when;
    if (!investor || !company || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) continue;
    const key = `${company}|${investor}|${date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: `cb${out.length}`,
      subjectKind: 'project',
      subjectId: `c:${company}`,
      itemKind: 'investor',
      itemId: `i:${investor}`,
      kind: 'funded',
      date,
    });
  }
  return out;
}

function cleanId(s) {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** A seeded market with planted structure: subjects in clusters prefer their cluster's items. */
function plantedMarket(seed, { subjects = 600, items = 120, clusters = 8 } = {}) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const interactions = [];
  const kinds = ['viewed', 'applied', 'approved', 'funded'];
  for (let u = 0; u < subjects; u++) {
    const c = u % clusters;
    const n = 3 + Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const inCluster = rand() < 0.8;
      const item = inCluster
        ? c + clusters * Math.floor(rand() * (items / clusters))
        : Math.floor(rand() * items);
      const day = 1 + Math.floor(rand() * 700);
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      const kind = kinds[Math.min(3, Math.floor(rand() * 4))];
      interactions.push({
        id: `x${interactions.length}`,
        subjectKind: 'enterprise',
        subjectId: `E${u}`,
        itemKind: 'product',
        itemId: `P${item}`,
        kind: inCluster ? kind : 'viewed',
        date,
      });
    }
  }
  return { name: `planted (seed ${seed}, ${subjects}×${items})`, interactions };
}

// ---------------------------------------------------------------- protocol

/**
 * Leave-one-out: for each subject with ≥ 2 positive items, hide its latest positive pair (all of
 * that pair's interactions). With `dropSameDay`, also hide the subject's other interactions on
 * that date (the rest of the round), so the model must predict a new round from earlier ones.
 */
function leaveLatestOut(interactions, { dropSameDay = false } = {}) {
  const pairs = new Map(); // subject → item → { strength, last }
  for (const i of interactions) {
    let row = pairs.get(i.subjectId);
    if (!row) pairs.set(i.subjectId, (row = new Map()));
    const p = row.get(i.itemId) ?? { strength: 0, last: '' };
    p.strength += DEFAULT_FEEDBACK_WEIGHTS[i.kind];
    if (DEFAULT_FEEDBACK_WEIGHTS[i.kind] > 0 && i.date > p.last) p.last = i.date;
    row.set(i.itemId, p);
  }
  const held = new Map(); // subject → { item, date }
  for (const [subject, row] of pairs) {
    const pos = [...row].filter(([, p]) => p.strength > 0);
    if (pos.length < 2) continue;
    pos.sort((a, b) =>
      a[1].last < b[1].last ? 1 : a[1].last > b[1].last ? -1 : a[0] < b[0] ? 1 : -1,
    );
    const [item, p] = pos[0];
    const remaining = pos.filter(([id, q]) => id !== item && !(dropSameDay && q.last === p.last));
    if (remaining.length === 0) continue;
    held.set(subject, { item, date: p.last });
  }
  const train = interactions.filter((i) => {
    const h = held.get(i.subjectId);
    if (!h) return true;
    if (i.itemId === h.item) return false;
    return !(dropSameDay && i.date === h.date);
  });
  return { train, held };
}

function evaluate(model, held, k = 10) {
  let hits = 0;
  let ndcg = 0;
  let n = 0;
  for (const [subject, { item }] of held) {
    n++;
    const recs = model.recommend(subject, { k });
    const rank = recs.findIndex((r) => r.itemId === item);
    if (rank >= 0) {
      hits++;
      ndcg += 1 / Math.log2(rank + 2);
    }
  }
  return { hr: hits / n, ndcg: ndcg / n, n };
}

/** Popularity baseline with the same interface. */
function popularity(train) {
  const pos = new Map();
  const counts = new Map();
  const strength = new Map();
  for (const i of train) {
    const key = `${i.subjectId}\u0000${i.itemId}`;
    strength.set(key, (strength.get(key) ?? 0) + DEFAULT_FEEDBACK_WEIGHTS[i.kind]);
  }
  for (const [key, s] of strength) {
    if (s <= 0) continue;
    const [subject, item] = key.split('\u0000');
    counts.set(item, (counts.get(item) ?? 0) + 1);
    if (!pos.has(subject)) pos.set(subject, new Set());
    pos.get(subject).add(item);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    recommend(subject, { k }) {
      const known = pos.get(subject) ?? new Set();
      const out = [];
      for (const [itemId] of ranked) {
        if (known.has(itemId)) continue;
        out.push({ itemId });
        if (out.length >= k) break;
      }
      return out;
    },
  };
}

function time(fn) {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Mean ns per `model.score` call over every (held-out subject, item) pair, up to a cap. */
function costPerPair(model, subjects, items, cap = 100_000) {
  const subs = [...subjects].slice(0, Math.max(1, Math.floor(cap / Math.max(1, items.length))));
  for (const s of subs) model.score(s, items[0]); // warm the per-subject max cache
  let sink = 0;
  let n = 0;
  const t0 = performance.now();
  for (const s of subs) {
    for (const it of items) {
      sink += model.score(s, it) ?? 0;
      n++;
    }
  }
  const ns = ((performance.now() - t0) * 1e6) / n;
  if (sink < 0) console.log(sink);
  return ns;
}

function run(dataset, interactions, variants, protocol) {
  const { train, held } = leaveLatestOut(interactions, protocol);
  const rows = [];
  const pop = evaluate(popularity(train), held);
  rows.push({
    dataset,
    protocol: protocol.label,
    method: 'popularity',
    ...pop,
    fitMs: 0,
    nsPerPair: 0,
  });
  for (const v of variants) {
    const { value: model, ms } = time(() => v.fit(train));
    console.error(`${dataset} / ${protocol.label} / ${v.label}: fitted in ${ms.toFixed(0)} ms`);
    const q = evaluate(model, held);
    const items = model.itemIds();
    const ns = costPerPair(model, held.keys(), items);
    rows.push({
      dataset,
      protocol: protocol.label,
      method: v.label,
      ...q,
      fitMs: ms,
      nsPerPair: ns,
    });
  }
  return rows;
}

function printTable(rows) {
  const header = ['dataset', 'protocol', 'method', 'n', 'HR@10', 'nDCG@10', 'fit ms', 'ns/pair'];
  const lines = rows.map((r) => [
    r.dataset,
    r.protocol,
    r.method,
    String(r.n),
    r.hr.toFixed(4),
    r.ndcg.toFixed(4),
    r.fitMs.toFixed(0),
    r.nsPerPair ? r.nsPerPair.toFixed(0) : '–',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const fmt = (cells) => '| ' + cells.map((x, c) => x.padEnd(widths[c])).join(' | ') + ' |';
  console.log(fmt(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const l of lines) console.log(fmt(l));
}

// ---------------------------------------------------------------- variants

const variants = () => [
  {
    label: 'cooccurrence λ=5',
    fit: (train) => fitCooccurrence({ interactions: train, options: {} }),
  },
  ...(quick
    ? []
    : [
        {
          label: 'cooccurrence λ=0',
          fit: (train) => fitCooccurrence({ interactions: train, options: { shrinkage: 0 } }),
        },
      ]),
  {
    label: 'ALS f=32 α=4 λ=0.1',
    fit: (train) => fitAlsNow(train, {}),
  },
  ...(quick
    ? []
    : [
        // The exact solver (a Cholesky solve per row) is the reference the CG default must match.
        {
          label: 'ALS f=32 α=4 λ=0.1 exact',
          fit: (train) => fitAlsNow(train, { solver: 'exact' }),
        },
        {
          label: 'ALS f=64 α=10 λ=1',
          fit: (train) => fitAlsNow(train, { factors: 64, alpha: 10, regularization: 1 }),
        },
      ]),
];

/**
 * fitAls, sweeps included: the model fits on first use, so read `lossHistory` inside the timed
 * call.
 */
function fitAlsNow(train, options) {
  const model = fitAls({ interactions: train, options });
  void model.lossHistory;
  return model;
}

// ---------------------------------------------------------------- main

const rows = [];
const protocols = [
  { label: 'latest pair', dropSameDay: false },
  { label: 'latest round', dropSameDay: true },
];

// (i) the generated market
let generated;
if (typeof lib.generateMarket === 'function') {
  const market = lib.generateMarket({ seed: 1, scale: 'small' });
  generated = { name: 'generated small (seed 1)', interactions: market.interactions, market };
} else {
  generated = plantedMarket(1);
}
const marketKinds = [
  ['enterpriseProduct', 'product'],
  ['projectInvestor', 'investor'],
];
for (const [label, itemKind] of marketKinds) {
  const xs = generated.interactions.filter((i) => i.itemKind === itemKind);
  if (xs.length === 0) continue;
  rows.push(...run(`${generated.name} ${label}`, xs, variants(), protocols[0]));
}

// (ii) Crunchbase 2013 (companies → investors)
if (existsSync(CRUNCHBASE)) {
  const t0 = performance.now();
  const cb = await loadCrunchbase(CRUNCHBASE);
  console.error(
    `crunchbase: ${cb.length} interactions loaded in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  for (const p of quick ? protocols.slice(0, 1) : protocols) {
    rows.push(...run('crunchbase-2013-us', cb, variants(), p));
  }
}

printTable(rows);

// Quality gain with vs without the collaborative factor on the generated market: the shipped
// enterprise–product profile's factors (weighted sum, no eligibility filter, every product a
// candidate) versus the same plus `collaborative` at weight COLLAB_WEIGHT of the total. Same
// leave-latest-out split; the held-out product is the relevant one.
const COLLAB_WEIGHT = 0.25;
if (generated.market && typeof lib.enterpriseProductProfile === 'function') {
  const market = generated.market;
  const xs = market.interactions.filter((i) => i.itemKind === 'product');
  const { train, held } = leaveLatestOut(xs);
  const profile = lib.enterpriseProductProfile();
  const reference = {
    chains: new Map(market.chains.map((c) => [c.id, c])),
    zones: new Map(market.zones.map((z) => [z.id, z])),
    institutions: new Map(market.institutions.map((i) => [i.id, i])),
  };
  const prepareCtx = {
    targets: market.products,
    subjects: market.enterprises,
    interactions: train,
    reference,
  };
  const factors = profile.factors.map((wf) => ({
    factor: wf.factor.prepare ? wf.factor.prepare(prepareCtx) : wf.factor,
    weight: wf.weight,
  }));
  const total = factors.reduce((a, f) => a + f.weight, 0);
  const methods = ['cooccurrence', 'als'];
  const collab = Object.fromEntries(
    methods.map((method) => [method, collaborativeFactor({ method }).prepare(prepareCtx)]),
  );
  const strategy = profile.strategy;
  const enterprises = new Map(market.enterprises.map((e) => [e.id, e]));
  const asOf = market.manifest.asOf;
  const stats = { without: [0, 0], ...Object.fromEntries(methods.map((m) => [m, [0, 0]])) };
  let n = 0;
  const t0 = performance.now();
  for (const [subjectId, { item }] of held) {
    const subject = enterprises.get(subjectId);
    if (!subject) continue;
    n++;
    const known = new Set(train.filter((i) => i.subjectId === subjectId).map((i) => i.itemId));
    const scored = { without: [], ...Object.fromEntries(methods.map((m) => [m, []])) };
    for (const target of market.products) {
      if (known.has(target.id)) continue;
      const ctx = { subject, target, asOf, locale: 'en', reference };
      const base = factors.map((f) => ({
        name: f.factor.name,
        value: f.factor.score(ctx),
        weight: f.weight,
        side: f.factor.side ?? 'both',
      }));
      scored.without.push([target.id, strategy.combine({ factors: base }).score]);
      for (const m of methods) {
        const value = collab[m].score(ctx);
        const withCollab = [
          ...base,
          {
            name: 'collaborative',
            value,
            weight: (total * COLLAB_WEIGHT) / (1 - COLLAB_WEIGHT),
            side: 'both',
          },
        ];
        scored[m].push([target.id, strategy.combine({ factors: withCollab }).score]);
      }
    }
    for (const [key, list] of Object.entries(scored)) {
      list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const rank = list.slice(0, 10).findIndex(([id]) => id === item);
      if (rank >= 0) {
        stats[key][0]++;
        stats[key][1] += 1 / Math.log2(rank + 2);
      }
    }
  }
  console.log(
    `\nWith vs without the collaborative factor (generated market, enterprise→product, ${n} held-out enterprises, ` +
      `collaborative weight ${COLLAB_WEIGHT * 100}% of the total, ${(performance.now() - t0).toFixed(0)} ms):`,
  );
  console.log('| profile | HR@10 | nDCG@10 |');
  console.log('|---|---|---|');
  for (const [key, [h, g]] of Object.entries(stats)) {
    const label = key === 'without' ? 'attributes only' : `attributes + collaborative (${key})`;
    console.log(`| ${label} | ${(h / n).toFixed(4)} | ${(g / n).toFixed(4)} |`);
  }
}
