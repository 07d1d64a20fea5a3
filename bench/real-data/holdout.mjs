// Held-out real decisions: does finmatch's default profile, given only training-period records
// and interactions, rank the lender / investors that actually financed a held-out deal better
// than simple baselines built from the same fields?
//
//   npm run build && node bench/real-data/holdout.mjs [--dataset sba|cb2013|cb2014|all]
//        [--protocol temporal|random|all] [--json out.json]
//
// Protocols: `temporal` (train on deals before the 80 % date quantile, test on the rest) and
// `random` (a hash of the deal id holds out 20 %). Target pool: lenders / investors with at least
// MIN_TARGET_DEALS training deals; a test query is a deal (one loan, one funding round: never a
// subject, so a company with two rounds is two queries) with at least one pooled target.
// Everything finmatch is given comes from training deals only: the target records (declared
// ranges derived from their training deals), the training interactions (`funded`) and the
// training subjects' records. Baselines from the same fields: popularity (training volume), and
// a naive-Bayes feature profile (per target, Laplace-smoothed frequencies of each categorical
// feature of its past deals + a log-volume prior). Paired t-test and randomisation test on
// per-query nDCG@10, overall and on the queries whose subject has no training history.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDeals, heldOut } from './deals.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = process.env.FINMATCH_DIST ?? join(here, '../../dist');
const fm = await import(join(dist, 'index.js'));
const log = (...m) => process.stderr.write(`${m.join(' ')}\n`);

const K = 10;

// ---- baselines -----------------------------------------------------------------------------

function popularity(train, pool) {
  const n = new Map(pool.map((t) => [t, 0]));
  for (const d of train) for (const t of d.targets) if (n.has(t)) n.set(t, n.get(t) + 1);
  return () => n;
}

/** The 30-line naive Bayes: Laplace-smoothed P(feature value | target) + log volume prior. */
function naiveBayes(train, pool) {
  const counts = new Map(pool.map((t) => [t, { n: 0, f: new Map() }]));
  const vocab = new Map();
  for (const d of train) {
    for (const [k, v] of Object.entries(d.tokens)) {
      if (!vocab.has(k)) vocab.set(k, new Set());
      vocab.get(k).add(v);
    }
    for (const t of d.targets) {
      const c = counts.get(t);
      if (!c) continue;
      c.n++;
      for (const [k, v] of Object.entries(d.tokens)) {
        const key = `${k}=${v}`;
        c.f.set(key, (c.f.get(key) ?? 0) + 1);
      }
    }
  }
  return (deal) => {
    const out = new Map();
    for (const [t, c] of counts) {
      let s = Math.log(c.n + 1);
      for (const [k, v] of Object.entries(deal.tokens)) {
        const size = (vocab.get(k)?.size ?? 0) + 1;
        s += Math.log(((c.f.get(`${k}=${v}`) ?? 0) + 1) / (c.n + size));
      }
      out.set(t, s);
    }
    return out;
  };
}

// ---- metrics and tests ---------------------------------------------------------------------

function order(scores) {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map((e) => e[0]);
}

function metrics(ranked, relevant) {
  let dcg = 0;
  let rr = 0;
  ranked.forEach((t, i) => {
    if (!relevant.has(t)) return;
    if (i < K) dcg += 1 / Math.log2(i + 2);
    if (rr === 0) rr = 1 / (i + 1);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  const hits = ranked.slice(0, K).filter((t) => relevant.has(t)).length;
  return { ndcg: dcg / ideal, mrr: rr, recall: hits / relevant.size };
}

function pairedT(a, b) {
  const n = a.length;
  const d = a.map((x, i) => x - b[i]);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const t = mean / (sd / Math.sqrt(n));
  return { diff: mean, t, p: 2 * (1 - normalCdf(Math.abs(t))) };
}

function normalCdf(x) {
  // Abramowitz–Stegun 7.1.26 (n is in the hundreds to thousands here: t ≈ normal).
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return 0.5 * (1 + y);
}

const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

/** FINMATCH_PROFILE=learned (learned factors only, no rules) or nohard (default factors, no rules). */
function experimentProfile(market) {
  const which = process.env.FINMATCH_PROFILE;
  if (!which) return undefined;
  const base =
    market === 'enterpriseProduct' ? fm.enterpriseProductProfile() : fm.projectInvestorProfile();
  const learned = ['targetProfile', 'volumePrior', 'repeatPartner'];
  return fm.defineProfile({
    name: `${base.name}-${which}`,
    version: base.version,
    market,
    rules: [],
    factors: (which === 'learned'
      ? base.factors.filter((f) => learned.includes(f.factor.name))
      : base.factors
    ).map((f) =>
      learned.includes(f.factor.name) && process.env.FINMATCH_LW
        ? { ...f, weight: Number(process.env.FINMATCH_LW) }
        : f,
    ),
    strategy: which === 'nohard-reciprocal' ? base.strategy : fm.weightedSumStrategy(),
  });
}

/** What the learned factors fitted (the same fit the matcher made: same inputs). */
function fittedModel(records, asOf) {
  const f = fm.targetProfileFactor().prepare({
    targets: records.targets.map((t) => fm.parseRecord(records.targetKind, t)),
    subjects: records.subjects.map((s) => fm.parseRecord(records.subjectKind, s)),
    interactions: records.interactions.map((i) => fm.parseRecord('interaction', i)),
    reference: {},
    asOf,
  });
  return f.model?.fit;
}

// ---- one run ---------------------------------------------------------------------------------

async function runOne(dataset, protocol) {
  const { deals, market, toRecords } = await loadDeals(dataset);
  const { train, asOf, pool, queries } = heldOut(deals, protocol);
  const seenSubjects = new Set(train.map((d) => d.subject));
  const records = {
    ...toRecords(train, pool, asOf),
    subjectKind: market === 'enterpriseProduct' ? 'enterprise' : 'project',
    targetKind: market === 'enterpriseProduct' ? 'product' : 'investor',
  };
  const t0 = performance.now();
  const profile = experimentProfile(market);
  const matcher =
    market === 'enterpriseProduct'
      ? fm.createProductMatcher(records.targets, {
          asOf,
          locale: 'en',
          interactions: records.interactions,
          subjects: records.subjects,
          ...(profile ? { profile } : {}),
        })
      : fm.createInvestorMatcher(records.targets, {
          asOf,
          locale: 'en',
          interactions: records.interactions,
          subjects: records.subjects,
          ...(profile ? { profile } : {}),
        });
  const buildMs = performance.now() - t0;
  const nb = naiveBayes(train, pool);
  const pop = popularity(train, pool);
  const rows = { finmatch: [], naiveBayes: [], popularity: [] };
  const cold = [];
  const t1 = performance.now();
  for (const q of queries) {
    const subject = records.subjectOf(q.deal);
    const ranked =
      market === 'enterpriseProduct'
        ? matcher.rankProducts(subject, { k: Infinity }).map((m) => records.targetName(m.productId))
        : matcher
            .rankInvestors(subject, { k: Infinity })
            .map((m) => records.targetName(m.investorId));
    rows.finmatch.push(metrics(ranked, q.relevant));
    rows.naiveBayes.push(metrics(order(nb(q.deal)), q.relevant));
    rows.popularity.push(metrics(order(pop(q.deal)), q.relevant));
    cold.push(!seenSubjects.has(q.deal.subject));
  }
  const rankMs = performance.now() - t1;
  const summary = {};
  for (const subset of ['all', 'new subjects']) {
    const pick = (xs) => xs.filter((_, i) => subset === 'all' || cold[i]);
    const fmN = pick(rows.finmatch).map((m) => m.ndcg);
    const out = { queries: fmN.length };
    for (const [name, r] of Object.entries(rows)) {
      const sel = pick(r);
      out[name] = {
        ndcg10: mean(sel.map((m) => m.ndcg)),
        recall10: mean(sel.map((m) => m.recall)),
        mrr: mean(sel.map((m) => m.mrr)),
      };
    }
    out.vsNaiveBayes = pairedT(
      fmN,
      pick(rows.naiveBayes).map((m) => m.ndcg),
    );
    out.vsPopularity = pairedT(
      fmN,
      pick(rows.popularity).map((m) => m.ndcg),
    );
    summary[subset] = out;
  }
  return {
    dataset,
    protocol,
    asOf,
    trainDeals: train.length,
    pool: pool.length,
    buildMs: Math.round(buildMs),
    msPerQuery: +(rankMs / Math.max(1, queries.length)).toFixed(2),
    fit: fittedModel(records, asOf),
    summary,
  };
}

const f4 = (x) => (Number.isFinite(x) ? x.toFixed(4) : '—');
const fp = (p) => (p < 1e-4 ? '<1e-4' : p.toFixed(4));

const datasets =
  arg('dataset', 'all') === 'all' ? ['sba', 'cb2013', 'cb2014', 'india'] : [arg('dataset')];
const protocols = arg('protocol', 'all') === 'all' ? ['temporal', 'random'] : [arg('protocol')];
const results = [];
for (const ds of datasets) {
  for (const pr of protocols) {
    const r = await runOne(ds, pr);
    results.push(r);
    for (const [subset, s] of Object.entries(r.summary)) {
      log(
        `${ds} ${pr} [${subset}] half-life ${r.fit?.halfLifeDays} smoothing ${r.fit?.smoothing} n=${s.queries} pool=${r.pool} | nDCG@10 finmatch ${f4(s.finmatch.ndcg10)} NB ${f4(s.naiveBayes.ndcg10)} pop ${f4(s.popularity.ndcg10)} | MRR ${f4(s.finmatch.mrr)} / ${f4(s.naiveBayes.mrr)} / ${f4(s.popularity.mrr)} | Δ vs NB ${f4(s.vsNaiveBayes.diff)} p ${fp(s.vsNaiveBayes.p)} | Δ vs pop ${f4(s.vsPopularity.diff)} p ${fp(s.vsPopularity.p)} | build ${r.buildMs} ms, ${r.msPerQuery} ms/query`,
      );
    }
  }
}
const out = arg('json');
if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
