// With outcome history, as a platform or the service runs finmatch: the learned factors fit on
// the market's interactions when a matcher or an index is built, and score every pair. Beside
// each row, the same call without history in the same process (the anchor): what learning
// from outcomes costs. The seed-scale market (345,800 enterprises, 741 products, its
// generated interactions) as raw parsed JSON, through the public API.
//
//   npm run build && node --max-old-space-size=16000 bench/history.mjs [--quick] [--json]
//
// Writes bench/results/history.json; prints a table. --quick: the small market.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable, row } from './lib/report.mjs';
import { source as root } from './lib/source.mjs';
import { summarise } from './lib/stats.mjs';
import { benchArgs } from './lib/args.mjs';

const AS_OF = '2026-06-30';
const args = benchArgs(
  `usage: node --max-old-space-size=16000 bench/history.mjs [--quick] [--json]

With outcome history beside without (npm run bench:history); writes bench/results/history.json.

  --quick   the small market
  --json    print the report as JSON
  --help    this text`,
  { quick: { type: 'boolean' }, json: { type: 'boolean' } },
);
const quick = args.quick === true;
const scale = quick ? 'small' : 'seed';
/** Raw enterprises ranked by rankProducts on each matcher, calls interleaved. */
const RANK_CALLS = 1000;
/** Products prospected cold (their first call) and again warm on each index, interleaved. */
const PROSPECT_PRODUCTS = 40;
const K_RANK = 10;
const K_PROSPECT = 100;
const log = (s) => process.stderr.write(`${s}\n`);

log(`generating the ${scale} market…`);
const market = root.generateMarket({ seed: 1, scale, asOf: AS_OF });
// Raw parsed JSON, as a caller's records arrive.
const raw = JSON.parse(
  JSON.stringify({
    enterprises: market.enterprises,
    products: market.products,
    chains: market.chains,
    zones: market.zones,
    institutions: market.institutions,
    interactions: market.interactions,
  }),
);
const base = {
  asOf: AS_OF,
  chains: raw.chains,
  zones: raw.zones,
  institutions: raw.institutions,
};
const withHistory = { ...base, interactions: raw.interactions };
const rows = [];
/**
 * Calls `call` on `objects.plain` and `objects.learned`, the first of them alternating with
 * `i` (so the machine's drift falls on both alike), and pushes each call's ms into
 * `into.plain` / `into.learned`.
 */
const interleaved = (i, objects, call, into) => {
  for (const which of i % 2 === 0 ? ['plain', 'learned'] : ['learned', 'plain']) {
    const t = performance.now();
    call(objects[which]);
    into[which].push(performance.now() - t);
  }
};
const timed = (fn) => {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
};

// 1. Builds: without history first (its validators and code then warm for both), then with.
// Matchers built from one history in one process share its fit (src/learn/history/prepare.ts):
// the index fits first; a matcher given one outcome pair fewer fits its own (the cost of a
// matcher alone); a matcher given the same history takes the index's fit.
const pairOf = (x) => `${x.subjectId}\u0000${x.itemId}`;
const perPair = new Map();
for (const x of raw.interactions) perPair.set(pairOf(x), (perPair.get(pairOf(x)) ?? 0) + 1);
// An outcome that is its pair's only one: without it, the history's outcome pairs differ.
const dropped = raw.interactions.findIndex(
  (x) => x.itemKind === 'product' && perPair.get(pairOf(x)) === 1,
);
if (dropped < 0) throw new Error('no interaction is its pair’s only one');
const oneFewer = raw.interactions.filter((_, i) => i !== dropped);
log('without history…');
const plainMatcher = timed(() => root.createProductMatcher(raw.products, base));
const plainIndex = timed(() => root.createEnterpriseIndex(raw.enterprises, base));
log('enterprise index with history…');
const learnedIndex = timed(() =>
  root.createEnterpriseIndex(raw.enterprises, { ...withHistory, targets: raw.products }),
);
rows.push(
  row({
    section: 'history',
    name: `createEnterpriseIndex(${raw.enterprises.length} enterprises, { interactions: ${raw.interactions.length}, targets: ${raw.products.length} products }), its own fit`,
    times: 'public API',
    n: 1,
    p50: learnedIndex.ms,
    anchors: [{ name: 'same, without history', p50: plainIndex.ms }],
  }),
);
log('product matchers with history…');
const learnedMatcher = timed(() =>
  root.createProductMatcher(raw.products, {
    ...withHistory,
    interactions: oneFewer,
    subjects: raw.enterprises,
  }),
);
rows.push(
  row({
    section: 'history',
    name: `createProductMatcher(${raw.products.length} products, { interactions: ${oneFewer.length}, subjects: ${raw.enterprises.length} enterprises }), its own fit`,
    times: 'public API',
    n: 1,
    p50: learnedMatcher.ms,
    anchors: [{ name: 'same, without history', p50: plainMatcher.ms }],
  }),
);
const sharedMatcher = timed(() =>
  root.createProductMatcher(raw.products, {
    ...withHistory,
    subjects: raw.enterprises,
    locale: 'en',
  }),
);
rows.push(
  row({
    section: 'history',
    name: `createProductMatcher(…, { interactions: ${raw.interactions.length}, subjects, locale: 'en' }) beside the index: the index's fit taken`,
    times: 'public API',
    n: 1,
    p50: sharedMatcher.ms,
    anchors: [
      { name: 'a matcher with its own fit (above)', p50: learnedMatcher.ms },
      { name: 'same, without history', p50: plainMatcher.ms },
    ],
  }),
);

// 2. rankProducts on raw enterprises, the two matchers' calls interleaved.
log('rankProducts…');
const picks = Array.from(
  { length: RANK_CALLS },
  (_, i) => raw.enterprises[(i * 7919) % raw.enterprises.length],
);
const rankTimes = { plain: [], learned: [] };
const matchers = { plain: plainMatcher.value, learned: learnedMatcher.value };
for (const [i, e] of picks.entries())
  interleaved(i, matchers, (m) => m.rankProducts(e, { k: K_RANK }), rankTimes);
const rankPlain = summarise(rankTimes.plain.slice(RANK_CALLS / 2));
rows.push(
  row({
    section: 'history',
    name: `rankProducts(raw enterprise, { k: ${K_RANK} }) with history, after ${RANK_CALLS / 2} calls`,
    times: 'public API',
    ...summarise(rankTimes.learned.slice(RANK_CALLS / 2)),
    anchors: [{ name: 'same matcher setup without history', ...rankPlain }],
  }),
);

// 3. prospectEnterprises: each product's first call (cold), then again (warm), interleaved.
log('prospectEnterprises…');
const products = Array.from(
  { length: Math.min(PROSPECT_PRODUCTS, raw.products.length) },
  (_, i) => raw.products[(i * 211 + 17) % raw.products.length],
);
const prospect = { cold: { plain: [], learned: [] }, warm: { plain: [], learned: [] } };
const indexes = { plain: plainIndex.value, learned: learnedIndex.value };
for (const pass of ['cold', 'warm', 'warm'])
  for (const [i, p] of products.entries())
    interleaved(i, indexes, (ix) => ix.prospectEnterprises(p, { k: K_PROSPECT }), prospect[pass]);
for (const pass of ['cold', 'warm'])
  rows.push(
    row({
      section: 'history',
      name: `prospectEnterprises(product, { k: ${K_PROSPECT} }) with history, ${pass === 'cold' ? 'cold: first call for each product' : 'warm'}`,
      times: 'public API',
      ...summarise(prospect[pass].learned),
      anchors: [{ name: 'same index setup without history', ...summarise(prospect[pass].plain) }],
    }),
  );

const report = {
  scale,
  asOf: AS_OF,
  enterprises: raw.enterprises.length,
  products: raw.products.length,
  interactions: raw.interactions.length,
  machine: { node: process.version, loadAverage: (await import('node:os')).loadavg() },
  date: new Date().toISOString(),
  rows,
};
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
if (!quick) writeFileSync(`${out}history.json`, `${JSON.stringify(report, null, 2)}\n`);
if (args.json) console.log(JSON.stringify(report));
else console.log(markdownTable(rows, { goals: false }));
