// SBA 7(a) loans (first 22,427 rows) → finmatch enterprise–product records. The lender is the
// held-out item: each lender becomes one loan "product" whose terms are learned from its
// training loans; each test loan's borrower is an enterprise whose relevant product is the
// lender that actually made the loan.
//
// Mapping (documented in the README's "Real data" section):
// - split by approval fiscal year: train ≤ TRAIN_TO_FY, test > TRAIN_TO_FY (1997/2004 → 2005/2006).
// - catalogue = lenders with ≥ MIN_LENDER_LOANS training loans; test loans of other lenders are dropped.
// - enterprise: sector from the NAICS 2-digit sector (NAICS_SECTOR; NAICS 0 = missing → the loan
//   is dropped), region from the borrower's state (common.mjs surrogate), stage startup for a new
//   business (NewExist = 2) else growth, employees NoEmp, annualRevenue unknown → 0, foundedYear =
//   approval year (new) or 5 years earlier (existing; unknown in the data), need = GrAppv (USD
//   numbers kept as they are: only ratios matter on the log scale) over Term months, instrument
//   loan, collateral none recorded → ['guarantee'] (7(a) loans carry the SBA guarantee), text =
//   NAICS sector words + urban/rural + franchise.
// - product per lender: regions = the surrogate codes of the states it lent to in training (any
//   loan), amount/term range = [min, max] of its training loans widened by ×½/×2 (amount) and
//   ±12 months (term), no sector restriction, stages it served, text = its borrowers' words.
// - training loans become `funded` interactions (borrower → lender) for popularity.
import { readCsvGz, usStateRegion, slug } from './common.mjs';

export const TRAIN_TO_FY = 2004;
export const MIN_LENDER_LOANS = 20;

/** NAICS 2-digit sector → GB/T 4754-2017 section or division. */
export const NAICS_SECTOR = {
  11: 'A',
  21: 'B',
  22: 'D',
  23: 'E',
  31: 'C',
  32: 'C',
  33: 'C',
  42: 'F51',
  44: 'F52',
  45: 'F52',
  48: 'G',
  49: 'G',
  51: 'I',
  52: 'J',
  53: 'K',
  54: 'M',
  55: 'L72',
  56: 'L72',
  61: 'P',
  62: 'Q',
  71: 'R',
  72: 'H',
  81: 'O',
  92: 'S',
};
const NAICS_WORDS = {
  11: 'agriculture',
  21: 'mining',
  22: 'utilities',
  23: 'construction',
  31: 'manufacturing',
  32: 'manufacturing',
  33: 'manufacturing',
  42: 'wholesale',
  44: 'retail',
  45: 'retail',
  48: 'transportation',
  49: 'warehousing',
  51: 'information',
  52: 'finance',
  53: 'realestate rental',
  54: 'professional scientific',
  55: 'management',
  56: 'administrative support',
  61: 'education',
  62: 'health care',
  71: 'arts recreation',
  72: 'accommodation food',
  81: 'services',
  92: 'public administration',
};

export async function loadSba() {
  const rows = await readCsvGz('sba-7a-national-partial/SBAnational_first22427.csv.gz');
  const loans = [];
  for (const r of rows) {
    const naics = String(r.NAICS ?? '').slice(0, 2);
    const sector = NAICS_SECTOR[naics];
    const term = Number(r.Term);
    const amount = Number(r.GrAppv);
    const fy = Number(r.ApprovalFY);
    if (!sector || !(term >= 1 && term <= 600) || !(amount > 0) || !Number.isFinite(fy) || !r.Bank)
      continue;
    const [m, d, y] = String(r.ApprovalDate).split('/').map(Number);
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    loans.push({
      id: `loan-${r.LoanNr_ChkDgt}`,
      bank: r.Bank.trim(),
      sector,
      naics,
      region: usStateRegion(r.State),
      isNew: r.NewExist === '2',
      employees: Math.max(0, Math.min(10_000_000, Number(r.NoEmp) || 0)),
      amount,
      term,
      fy,
      date,
      urban: r.UrbanRural === '1' ? 'urban' : r.UrbanRural === '2' ? 'rural' : '',
      franchise: Number(r.FranchiseCode) > 1 ? 'franchise' : '',
    });
  }
  loans.sort((a, b) => (a.id < b.id ? -1 : 1));
  const train = loans.filter((l) => l.fy <= TRAIN_TO_FY);
  const test = loans.filter((l) => l.fy > TRAIN_TO_FY);
  const count = new Map();
  for (const l of train) count.set(l.bank, (count.get(l.bank) ?? 0) + 1);
  const banks = [...count.entries()]
    .filter(([, n]) => n >= MIN_LENDER_LOANS)
    .map(([b]) => b)
    .sort();
  const bankId = new Map(banks.map((b) => [b, `lender-${slug(b)}`]));
  const agg = new Map(
    banks.map((b) => [
      b,
      { regions: new Set(), amounts: [], terms: [], stages: new Set(), words: [] },
    ]),
  );
  const interactions = [];
  const words = (l) =>
    [NAICS_WORDS[l.naics], l.urban, l.franchise, l.isNew ? 'new business' : 'existing business']
      .filter(Boolean)
      .join(' ');
  for (const l of train) {
    const a = agg.get(l.bank);
    if (!a) continue;
    a.regions.add(l.region);
    a.amounts.push(l.amount);
    a.terms.push(l.term);
    a.stages.add(l.isNew ? 'startup' : 'growth');
    a.words.push(words(l));
    interactions.push({
      id: `ix-${l.id}`,
      subjectKind: 'enterprise',
      subjectId: l.id,
      itemKind: 'product',
      itemId: `${bankId.get(l.bank)}-7a`,
      kind: 'funded',
      date: l.date,
      amount: l.amount,
    });
  }
  const products = banks.map((b) => {
    const a = agg.get(b);
    return {
      id: `${bankId.get(b)}-7a`,
      institutionId: bankId.get(b),
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
      policyTags: ['inclusive'],
      text: a.words.slice(0, 400).join(' '),
    };
  });
  const enterprises = [];
  const qrels = [];
  for (const l of test) {
    if (!bankId.has(l.bank)) continue;
    enterprises.push({
      id: l.id,
      name: l.id,
      sector: l.sector,
      region: l.region,
      stage: l.isNew ? 'startup' : 'growth',
      foundedYear: l.isNew ? l.fy : l.fy - 5,
      employees: l.employees,
      annualRevenue: 0,
      collateral: ['guarantee'],
      need: {
        amount: l.amount,
        termMonths: l.term,
        instruments: ['loan'],
        purpose: 'workingCapital',
      },
      text: words(l),
    });
    qrels.push({ qid: l.id, docid: `${bankId.get(l.bank)}-7a`, rel: 1 });
  }
  return {
    name: 'sba-7a-national-partial',
    market: 'enterpriseProduct',
    asOf: `${TRAIN_TO_FY + 1}-01-01`,
    subjects: enterprises,
    targets: products,
    interactions,
    qrels,
    stats: {
      loans: loans.length,
      trainLoans: train.length,
      testQueries: enterprises.length,
      lenders: products.length,
      trainInteractions: interactions.length,
    },
  };
}
