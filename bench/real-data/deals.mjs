// Real-data adapters for the held-out benchmark (holdout.mjs): each dataset becomes a list of
// dated deals — one loan, one funding round — with the target(s) that financed it, the
// categorical tokens a naive-Bayes baseline reads, and a function that turns training deals
// into finmatch records (targets with declared ranges from their training deals only, the
// training subjects, `funded` interactions).
import { readCsvGz, usStateRegion, slug, median } from './common.mjs';
import { NAICS_SECTOR } from './sba.mjs';
import { CATEGORY_SECTOR, ROUND_MAP, ROUND_TRL } from './crunchbase.mjs';

/** Targets with fewer training deals are left out of the pool. */
export const MIN_TARGET_DEALS = 5;
/** Share of deals held out (the latest by date, or by a hash of the deal id). */
export const TEST_SHARE = 0.2;

/** A deterministic number in [0, 1) from a string (FNV-1a). */
export function hash01(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** Training and test deals under a protocol (`temporal` or `random`), and the training asOf. */
export function split(deals, protocol) {
  if (protocol === 'random') {
    const test = deals.filter((d) => hash01(`split:${d.id}`) < TEST_SHARE);
    const train = deals.filter((d) => hash01(`split:${d.id}`) >= TEST_SHARE);
    const asOf = train.reduce((m, d) => (d.date > m ? d.date : m), '0000-01-01');
    return { train, test, asOf };
  }
  const dates = deals.map((d) => d.date).sort();
  const cut = dates[Math.floor(dates.length * (1 - TEST_SHARE))];
  const train = deals.filter((d) => d.date < cut);
  const test = deals.filter((d) => d.date >= cut);
  const asOf = train.reduce((m, d) => (d.date > m ? d.date : m), '0000-01-01');
  return { train, test, asOf };
}

/**
 * The held-out protocol: split, the target pool (at least {@link MIN_TARGET_DEALS} training
 * deals) and the test queries (deals with at least one pooled target, each its own query).
 */
export function heldOut(deals, protocol) {
  const { train, test, asOf } = split(deals, protocol);
  const volume = new Map();
  for (const d of train) for (const t of d.targets) volume.set(t, (volume.get(t) ?? 0) + 1);
  const pool = [...volume.entries()]
    .filter(([, n]) => n >= MIN_TARGET_DEALS)
    .map(([t]) => t)
    .sort();
  const poolSet = new Set(pool);
  const queries = test
    .map((d) => ({ deal: d, relevant: new Set(d.targets.filter((t) => poolSet.has(t))) }))
    .filter((q) => q.relevant.size > 0);
  return { train, test, asOf, pool, queries };
}
const log2Bucket = (x) => (x > 0 ? String(Math.floor(Math.log2(x))) : '0');

function hashId(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Loads a dataset's deals: `sba`, `cb2013`, `cb2014` or `india`. */
export async function loadDeals(name) {
  if (name === 'sba') return sbaDeals();
  if (name === 'cb2013') return crunchbase2013Deals();
  if (name === 'cb2014') return crunchbase2014Deals();
  if (name === 'india') return indiaDeals();
  throw new Error(`unknown dataset ${name}`);
}

// ---- SBA 7(a): enterprise → lender ---------------------------------------------------------

async function sbaDeals() {
  const rows = await readCsvGz('sba-7a-national-partial/SBAnational_first22427.csv.gz');
  const deals = [];
  for (const r of rows) {
    const naics = String(r.NAICS ?? '').slice(0, 2);
    const sector = NAICS_SECTOR[naics];
    const term = Number(r.Term);
    const amount = Number(r.GrAppv);
    if (!sector || !(term >= 1 && term <= 600) || !(amount > 0) || !r.Bank) continue;
    const [m, d, y] = String(r.ApprovalDate).split('/').map(Number);
    if (!(y > 1900)) continue;
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const isNew = r.NewExist === '2';
    const employees = Math.max(0, Math.min(10_000_000, Number(r.NoEmp) || 0));
    const urbanRural = r.UrbanRural === '1' ? 'urban' : r.UrbanRural === '2' ? 'rural' : 'unknown';
    const revLineCr = r.RevLineCr === 'Y' ? 'Y' : r.RevLineCr === 'N' ? 'N' : 'other';
    const lowDoc = r.LowDoc === 'Y' ? 'Y' : r.LowDoc === 'N' ? 'N' : 'other';
    const franchise = Number(r.FranchiseCode) > 1 ? 'Y' : 'N';
    const state = String(r.State ?? '')
      .trim()
      .toUpperCase();
    deals.push({
      id: `loan-${r.LoanNr_ChkDgt}`,
      subject: `loan-${r.LoanNr_ChkDgt}`,
      date,
      targets: [r.Bank.trim()],
      tokens: {
        naics,
        state,
        amount: log2Bucket(amount),
        term: log2Bucket(term),
        employees: log2Bucket(employees + 1),
        newExist: isNew ? 'new' : 'existing',
        urbanRural,
        revLineCr,
        lowDoc,
        franchise,
      },
      raw: {
        sector,
        state,
        isNew,
        employees,
        amount,
        term,
        y,
        naics,
        urbanRural,
        revLineCr,
        lowDoc,
        franchise,
      },
    });
  }
  deals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  const enterpriseOf = (d) => ({
    id: d.id,
    name: d.id,
    sector: d.raw.sector,
    region: usStateRegion(d.raw.state),
    stage: d.raw.isNew ? 'startup' : 'growth',
    foundedYear: d.raw.isNew ? d.raw.y : d.raw.y - 5,
    employees: d.raw.employees,
    annualRevenue: 0,
    collateral: ['guarantee'],
    need: {
      amount: d.raw.amount,
      termMonths: d.raw.term,
      instruments: ['loan'],
      purpose: 'workingCapital',
    },
    attributes: {
      naics: d.raw.naics,
      urbanRural: d.raw.urbanRural,
      revLineCr: d.raw.revLineCr,
      lowDoc: d.raw.lowDoc,
      franchise: d.raw.franchise,
    },
  });
  const idOf = (bank) => `lender-${slug(bank)}-${hashId(bank)}`;
  return {
    market: 'enterpriseProduct',
    deals,
    toRecords(train, pool, asOf) {
      const inPool = new Set(pool);
      const agg = new Map(
        pool.map((b) => [b, { regions: new Set(), amounts: [], terms: [], stages: new Set() }]),
      );
      const interactions = [];
      for (const d of train) {
        const bank = d.targets[0];
        const a = agg.get(bank);
        if (!a) continue;
        a.regions.add(usStateRegion(d.raw.state));
        a.amounts.push(d.raw.amount);
        a.terms.push(d.raw.term);
        a.stages.add(d.raw.isNew ? 'startup' : 'growth');
        interactions.push({
          id: `ix-${d.id}`,
          subjectKind: 'enterprise',
          subjectId: d.id,
          itemKind: 'product',
          itemId: idOf(bank),
          kind: 'funded',
          date: d.date,
          amount: d.raw.amount,
        });
      }
      const targets = pool.map((b) => {
        const a = agg.get(b);
        return {
          id: idOf(b),
          institutionId: idOf(b),
          name: `${b} SBA 7(a)`.slice(0, 500),
          type: 'creditLoan',
          instrument: 'loan',
          stages: [...a.stages].sort(),
          amount: { min: Math.max(1, Math.min(...a.amounts) / 2), max: Math.max(...a.amounts) * 2 },
          termMonths: {
            min: Math.max(1, Math.min(...a.terms) - 12),
            max: Math.min(600, Math.max(...a.terms) + 12),
          },
          regions: [...a.regions].sort(),
          collateral: { required: [], accepted: ['guarantee'] },
        };
      });
      const names = new Map(pool.map((b) => [idOf(b), b]));
      return {
        targets,
        interactions,
        subjects: train.filter((d) => inPool.has(d.targets[0])).map(enterpriseOf),
        subjectOf: enterpriseOf,
        targetName: (id) => names.get(id),
        asOf,
      };
    },
  };
}

// ---- Crunchbase: project (round) → investors ------------------------------------------------

function investorRecords(train, pool, projectOf, amountOf) {
  const inPool = new Set(pool);
  const idOf = (n) => `inv-${slug(n)}-${hashId(n)}`;
  const profile = new Map(
    pool.map((n) => [n, { sectors: new Set(), rounds: new Set(), amounts: [] }]),
  );
  const interactions = [];
  const subjects = [];
  for (const d of train) {
    const p = projectOf(d);
    let used = false;
    for (const inv of d.targets) {
      if (!inPool.has(inv)) continue;
      used = true;
      const a = profile.get(inv);
      a.sectors.add(p.sector);
      a.rounds.add(p.round);
      a.amounts.push(amountOf(d));
      interactions.push({
        id: `ix-${interactions.length + 1}`,
        subjectKind: 'project',
        subjectId: p.id,
        itemKind: 'investor',
        itemId: idOf(inv),
        kind: 'funded',
        date: d.date,
      });
    }
    if (used) subjects.push(p);
  }
  const targets = pool.map((n) => {
    const a = profile.get(n);
    return {
      id: idOf(n),
      name: n.slice(0, 500),
      kind: 'privateVCPE',
      targetSectors: [...a.sectors].sort(),
      rounds: [...a.rounds].sort(),
      ticket: { min: Math.max(1, Math.min(...a.amounts) / 2), max: Math.max(...a.amounts) * 2 },
      capacity: 1000,
    };
  });
  const names = new Map(pool.map((n) => [idOf(n), n]));
  return { targets, interactions, subjects, targetName: (id) => names.get(id) };
}

function roundAmounts(deals) {
  const byType = new Map();
  for (const d of deals)
    if (d.raw.amount > 0)
      (byType.get(d.raw.type) ?? byType.set(d.raw.type, []).get(d.raw.type)).push(d.raw.amount);
  const medians = new Map([...byType].map(([t, v]) => [t, median(v)]));
  const all = median(deals.filter((d) => d.raw.amount > 0).map((d) => d.raw.amount));
  return (d) => (d.raw.amount > 0 ? d.raw.amount : (medians.get(d.raw.type) ?? all));
}

function roundDealsToMarket(deals, extraAttributes) {
  return {
    market: 'projectInvestor',
    deals,
    toRecords(train, pool, asOf) {
      const amountOf = roundAmounts(train);
      const projectOf = (d) => {
        const round = ROUND_MAP[d.raw.type] ?? 'A';
        return {
          id: d.id,
          name: d.raw.name.slice(0, 500) || d.id,
          sector: CATEGORY_SECTOR[d.raw.category] ?? 'M',
          trl: ROUND_TRL[round],
          round,
          need: { amount: amountOf(d), instrument: 'equity' },
          region: d.raw.region ?? usStateRegion(d.raw.state),
          ownerEnterpriseId: d.subject,
          attributes: { category: d.raw.category || 'other', ...extraAttributes(d) },
        };
      };
      return { ...investorRecords(train, pool, projectOf, amountOf), subjectOf: projectOf, asOf };
    },
  };
}

async function crunchbase2013Deals() {
  const rows = await readCsvGz('crunchbase-2013-us/investments_joined_us.csv.gz');
  const rounds = new Map();
  for (const r of rows) {
    const key = `${r.company_permalink}|${r.funded_at}|${r.funding_round_type}`;
    let d = rounds.get(key);
    if (!d) {
      const amount = Number(r.raised_amount_usd) || 0;
      d = {
        id: `round-${slug(r.company_permalink.replace('/company/', ''))}-${hashId(key)}`,
        subject: `co-${hashId(r.company_permalink)}`,
        date: r.funded_at,
        targets: [],
        tokens: {
          category: r.company_category_code || 'other',
          state: r.company_state_code || '',
          round: r.funding_round_type,
          amount: log2Bucket(amount),
        },
        raw: {
          name: r.company_name || r.company_permalink,
          category: r.company_category_code || '',
          state: r.company_state_code,
          type: r.funding_round_type,
          amount,
        },
      };
      rounds.set(key, d);
    }
    if (!d.targets.includes(r.investor_name)) d.targets.push(r.investor_name);
  }
  const deals = [...rounds.values()].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  deals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  return roundDealsToMarket(deals, () => ({}));
}

async function crunchbase2014Deals() {
  const rows = await readCsvGz('crunchbase-2014-sample/investments_sample.csv.gz');
  const rounds = new Map();
  for (const r of rows) {
    if (r.company_country_code !== 'USA') continue;
    const key = r.funding_round_permalink;
    let d = rounds.get(key);
    if (!d) {
      const amount = Number(String(r.raised_amount_usd ?? '').replace(/[^0-9.]/g, '')) || 0;
      const market = (r.company_market || '').trim() || 'other';
      d = {
        id: `round-${hashId(key)}`,
        subject: `co-${hashId(r.company_permalink)}`,
        date: r.funded_at,
        targets: [],
        tokens: {
          market,
          state: r.company_state_code || '',
          round: `${r.funding_round_type}${r.funding_round_code ?? ''}`,
          amount: log2Bucket(amount),
        },
        raw: {
          name: r.company_name || r.company_permalink,
          category: MARKET_CATEGORY[market.toLowerCase()] ?? 'other',
          market,
          state: r.company_state_code,
          type: CB2014_ROUND[`${r.funding_round_type}${r.funding_round_code ?? ''}`] ?? 'other',
          amount,
        },
      };
      rounds.set(key, d);
    }
    if (!d.targets.includes(r.investor_name)) d.targets.push(r.investor_name);
  }
  const deals = [...rounds.values()].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  deals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  return roundDealsToMarket(deals, (d) => ({ market: d.raw.market.slice(0, 200) }));
}

/** Crunchbase 2014 round type + code → the 2013 export's round types (ROUND_MAP keys). */
const CB2014_ROUND = {
  seed: 'angel',
  angel: 'angel',
  ventureA: 'series-a',
  ventureB: 'series-b',
  ventureC: 'series-c+',
  ventureD: 'series-c+',
  ventureE: 'series-c+',
  ventureF: 'series-c+',
  venture: 'venture',
  private_equity: 'private-equity',
  equity_crowdfunding: 'crowdfunding',
  post_ipo_equity: 'post-ipo',
};

/** A few 2014 markets → the 2013 category codes (CATEGORY_SECTOR keys); the rest → other. */
const MARKET_CATEGORY = {
  software: 'software',
  'enterprise software': 'enterprise',
  analytics: 'analytics',
  security: 'security',
  biotechnology: 'biotech',
  'health care': 'health',
  'health and wellness': 'health',
  'medical devices': 'medical',
  hardware: 'hardware',
  'hardware + software': 'hardware',
  semiconductors: 'semiconductor',
  'clean technology': 'cleantech',
  mobile: 'mobile',
  'social media': 'social',
  advertising: 'advertising',
  'e-commerce': 'ecommerce',
  finance: 'finance',
  'financial services': 'finance',
  education: 'education',
  games: 'games_video',
  'video games': 'games_video',
  curated_web: 'web',
  'curated web': 'web',
  internet: 'web',
  search: 'search',
  messaging: 'messaging',
};

// ---- Indian startup funding 2015–2020: startup round → investors ----------------------------

/** Industry vertical (lower case) → the 2013 Crunchbase category codes (CATEGORY_SECTOR keys). */
const INDIA_VERTICAL = {
  'consumer internet': 'web',
  technology: 'software',
  ecommerce: 'ecommerce',
  'e-commerce': 'ecommerce',
  healthcare: 'health',
  'health and wellness': 'health',
  finance: 'finance',
  fintech: 'finance',
  'fin-tech': 'finance',
  logistics: 'transportation',
  'logistics tech': 'transportation',
  transportation: 'transportation',
  transport: 'transportation',
  education: 'education',
  'ed-tech': 'education',
  edtech: 'education',
  'online education platform': 'education',
  'food & beverage': 'hospitality',
  'food and beverage': 'hospitality',
  'online food delivery': 'hospitality',
  'real estate': 'real_estate',
  it: 'software',
  saas: 'software',
};

/** Investment type (normalised) → the 2013 round types (ROUND_MAP keys). */
function indiaRound(type) {
  const t = type.toLowerCase().replace(/\\n|\s+/g, ' ');
  if (/seed|angel|angle/.test(t)) return 'angel';
  if (/pre-series a|series a/.test(t)) return 'series-a';
  if (/series b/.test(t)) return 'series-b';
  if (/series [c-j]/.test(t)) return 'series-c+';
  if (/private equity/.test(t)) return 'private-equity';
  return 'other';
}

/**
 * Surrogate region of an Indian city: a Chinese province code and a prefecture number drawn
 * from a hash of the city, so the same city always lands in the same "prefecture". The codes
 * carry no geography; only identity matters (the city is also a custom attribute).
 */
const PROVINCE_CODES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34'];
function citySurrogate(city) {
  const h = Number.parseInt(hashId(city.toLowerCase()), 36);
  const province = PROVINCE_CODES[h % PROVINCE_CODES.length];
  return `${province}${String(1 + (Math.floor(h / 16) % 90)).padStart(2, '0')}00`;
}

async function indiaDeals() {
  const rows = await readCsvGz('india-startup-funding/startup_funding.csv.gz');
  const deals = [];
  for (const r of rows) {
    const [d, m, y] = String(r['Date '] ?? r.Date ?? '')
      .split(/[/.]/)
      .map(Number);
    if (!(y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) continue;
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const investors = [
      ...new Set(
        String(r.InvestorsName ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(
            (x) => x && x.toLowerCase() !== 'nan' && x.toLowerCase() !== 'undisclosed investors',
          ),
      ),
    ];
    if (investors.length === 0) continue;
    const vertical =
      String(r.IndustryVertical ?? '')
        .trim()
        .toLowerCase() || 'other';
    const city =
      String(r.CityLocation ?? '')
        .split('/')[0]
        .trim() || 'unknown';
    const amount = Number(String(r.AmountInUSD ?? '').replace(/[^0-9]/g, '')) || 0;
    const type = indiaRound(String(r.InvestmentType ?? ''));
    const company = String(r.StartupName ?? '')
      .trim()
      .toLowerCase();
    deals.push({
      id: `deal-${r['Sr No']}`,
      subject: `co-${hashId(company)}`,
      date,
      targets: investors,
      tokens: { vertical, city: city.toLowerCase(), round: type, amount: log2Bucket(amount) },
      raw: {
        name: String(r.StartupName ?? '').slice(0, 500) || `deal-${r['Sr No']}`,
        category: INDIA_VERTICAL[vertical] ?? 'other',
        state: '',
        region: citySurrogate(city),
        type,
        amount,
        vertical: vertical.slice(0, 200),
        city: city.toLowerCase().slice(0, 200),
      },
    });
  }
  deals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  return roundDealsToMarket(deals, (d) => ({ vertical: d.raw.vertical, city: d.raw.city }));
}
