// Crunchbase 2013 (US) → finmatch project–investor records. The investor is the held-out item.
//
// Mapping (documented in the README's "Real data" section):
// - query = a company's first round funded on or after TEST_FROM (one query per company);
//   relevant = every catalogue investor in that round (co-investors all count, rel = 1).
// - project: sector from company_category_code (CATEGORY_SECTOR below), round from
//   funding_round_type (ROUND_MAP), need.amount = raised_amount_usd (blank → the median of the
//   round type in training), instrument equity, region from the state (common.mjs surrogate),
//   text = category words; TRL from the round (ROUND_TRL).
// - investor (catalogue = investors with ≥ MIN_INVESTOR_DEALS training deals): everything is
//   derived from TRAINING rounds only (before TEST_FROM) — no leakage: target sectors = sectors
//   it funded, rounds = round types it joined, ticket = [min/2, max·2] of its round sizes,
//   thesis = its companies' category words, kind privateVCPE (the data has no investor type).
// - interactions (training): company → investor `funded`, dated, for popularity and
//   collaborative signals; the subject id is the company permalink, as is the project id, so a
//   follow-on round sees the company's history.
import { readCsvGz, usStateRegion, slug, median } from './common.mjs';

export const TEST_FROM = '2012-01-01';
export const MIN_INVESTOR_DEALS = 5;

/** Crunchbase category → GB/T 4754-2017 code (closest division; section where none fits). */
export const CATEGORY_SECTOR = {
  software: 'I65',
  enterprise: 'I65',
  analytics: 'I65',
  security: 'I65',
  web: 'I64',
  mobile: 'I64',
  social: 'I64',
  search: 'I64',
  messaging: 'I64',
  network_hosting: 'I64',
  games_video: 'I64',
  biotech: 'C27',
  medical: 'C35',
  health: 'Q84',
  hardware: 'C39',
  semiconductor: 'C397',
  cleantech: 'D44',
  nanotech: 'M73',
  manufacturing: 'C',
  automotive: 'C36',
  fashion: 'C18',
  advertising: 'L72',
  public_relations: 'L72',
  consulting: 'L72',
  legal: 'L72',
  travel: 'L72',
  ecommerce: 'F52',
  finance: 'J66',
  education: 'P83',
  news: 'R86',
  music: 'R87',
  photo_video: 'R87',
  sports: 'R89',
  hospitality: 'H61',
  real_estate: 'K70',
  transportation: 'G',
  design: 'M74',
  nonprofit: 'S',
  government: 'S',
  pets: 'O',
  local: 'O',
  other: 'M',
  '': 'M',
};

/** Crunchbase round type → finmatch round. */
export const ROUND_MAP = {
  angel: 'angel',
  'series-a': 'A',
  'series-b': 'B',
  'series-c+': 'C',
  venture: 'A',
  'private-equity': 'preIPO',
  crowdfunding: 'seed',
  'post-ipo': 'preIPO',
  other: 'A',
};
/** Typical TRL by round (stages-and-investors.md §3: angel ≈ TRL 4–5, A ≈ 7, B ≈ 8, C+ ≈ 9). */
export const ROUND_TRL = { seed: 3, angel: 5, preA: 6, A: 7, B: 8, C: 9, D: 9, preIPO: 9 };

/** Loads the dataset and maps it. */
export async function loadCrunchbase() {
  const rows = await readCsvGz('crunchbase-2013-us/investments_joined_us.csv.gz');
  const rounds = new Map(); // key → round
  for (const r of rows) {
    const key = `${r.company_permalink}|${r.funded_at}|${r.funding_round_type}`;
    let round = rounds.get(key);
    if (!round) {
      round = {
        key,
        company: r.company_permalink,
        companyName: r.company_name,
        category: r.company_category_code ?? '',
        state: r.company_state_code,
        type: r.funding_round_type,
        date: r.funded_at,
        amount: Number(r.raised_amount_usd) || 0,
        investors: new Set(),
      };
      rounds.set(key, round);
    }
    round.investors.add(r.investor_name);
  }
  const all = [...rounds.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1,
  );
  const train = all.filter((r) => r.date < TEST_FROM);
  const test = all.filter((r) => r.date >= TEST_FROM);

  const dealCount = new Map();
  for (const r of train)
    for (const inv of r.investors) dealCount.set(inv, (dealCount.get(inv) ?? 0) + 1);
  const catalogue = [...dealCount.entries()]
    .filter(([, n]) => n >= MIN_INVESTOR_DEALS)
    .map(([n]) => n)
    .sort();
  const invId = new Map(catalogue.map((n) => [n, `inv-${slug(n)}-${hash(n)}`]));

  const amountsByType = new Map();
  for (const r of train)
    if (r.amount > 0)
      (amountsByType.get(r.type) ?? amountsByType.set(r.type, []).get(r.type)).push(r.amount);
  const medianByType = new Map([...amountsByType].map(([t, v]) => [t, median(v)]));
  const allMedian = median(train.filter((r) => r.amount > 0).map((r) => r.amount));
  const amountOf = (r) => (r.amount > 0 ? r.amount : (medianByType.get(r.type) ?? allMedian));

  // Investors from training rounds only.
  const profile = new Map(
    catalogue.map((n) => [n, { sectors: new Set(), rounds: new Set(), amounts: [], words: [] }]),
  );
  const interactions = [];
  for (const r of train) {
    for (const inv of r.investors) {
      const p = profile.get(inv);
      if (!p) continue;
      p.sectors.add(CATEGORY_SECTOR[r.category] ?? 'M');
      p.rounds.add(ROUND_MAP[r.type] ?? 'A');
      p.amounts.push(amountOf(r));
      p.words.push(r.category || 'other');
      interactions.push({
        id: `ix-${interactions.length + 1}`,
        subjectKind: 'project',
        subjectId: companyId(r.company),
        itemKind: 'investor',
        itemId: invId.get(inv),
        kind: 'funded',
        date: r.date,
        amount: amountOf(r),
      });
    }
  }
  const investors = catalogue.map((n) => {
    const p = profile.get(n);
    const min = Math.max(1, Math.min(...p.amounts) / 2);
    const max = Math.max(...p.amounts) * 2;
    return {
      id: invId.get(n),
      name: n.slice(0, 500),
      kind: 'privateVCPE',
      targetSectors: [...p.sectors].sort(),
      rounds: [...p.rounds].sort(),
      ticket: { min, max },
      capacity: 1000,
      thesis: p.words.join(' '),
    };
  });

  // One query per company: its first test round with at least one catalogue investor.
  const seen = new Set();
  const projects = [];
  const qrels = [];
  for (const r of test) {
    if (seen.has(r.company)) continue;
    const relevant = [...r.investors].filter((n) => invId.has(n));
    if (relevant.length === 0) continue;
    seen.add(r.company);
    const round = ROUND_MAP[r.type] ?? 'A';
    const id = companyId(r.company);
    projects.push({
      id,
      name: (r.companyName || r.company).slice(0, 500),
      sector: CATEGORY_SECTOR[r.category] ?? 'M',
      trl: ROUND_TRL[round],
      round,
      need: { amount: amountOf(r), instrument: 'equity' },
      region: usStateRegion(r.state),
      text: r.category || 'other',
    });
    for (const n of relevant.sort()) qrels.push({ qid: id, docid: invId.get(n), rel: 1 });
  }
  return {
    name: 'crunchbase-2013-us',
    market: 'projectInvestor',
    asOf: TEST_FROM,
    subjects: projects,
    targets: investors,
    interactions,
    qrels,
    stats: {
      rounds: all.length,
      trainRounds: train.length,
      testQueries: projects.length,
      investors: investors.length,
      trainInteractions: interactions.length,
    },
  };
}

function companyId(permalink) {
  return `co-${slug(permalink.replace('/company/', ''))}-${hash(permalink)}`;
}

function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
