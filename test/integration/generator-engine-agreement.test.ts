/**
 * The generator draws its hidden truth and interactions with its own eligibility check
 * (src/generate/eligibility.ts); the engine has the real rules. Both implement one contract,
 * written independently, so they must agree rule by rule — otherwise the oracle would reward
 * ineligible products, or an engine bug would go unnoticed.
 *
 * Every rule of the shipped profiles is compared with the generator's verdict of the same name
 * on (a) a deterministic sample of generated pairs and (b) fast-check inputs: records of the
 * generated market with random perturbations of exactly the fields the rule reads, weighted
 * towards the boundaries (range ends, prefix / non-prefix codes, certificates around their
 * expiry including 29 February, loans maturing on either side of the renewal window).
 * A disagreement names the rule and the pair.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enterpriseProductProfile, projectInvestorProfile } from '../../src/engine/index.js';
import type { EligibilityRule, MarketReference } from '../../src/engine/types.js';
import { addDays, yearOf } from '../../src/util/dates.js';
import {
  ENTERPRISE_PRODUCT_RULES,
  PROJECT_INVESTOR_RULES,
  checkEnterpriseProductRule,
  checkProjectInvestorRule,
  eligibilityDates,
  type EnterpriseProductRule,
  type ProjectInvestorRule,
} from '../../src/generate/eligibility.js';
import { generateMarket } from '../../src/generate/index.js';
import {
  COLLATERAL_KINDS,
  INSTRUMENTS,
  INVESTOR_KINDS,
  POLICY_LISTS,
  PRODUCT_TYPES,
} from '../../src/model/enums.js';
import { safeParseRecord } from '../../src/model/parse.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../../src/model/types.js';
import { ROUNDS, SRDI_TIERS, STAGES } from '../../src/taxonomy/ladders.js';
import { isRegionPrefix } from '../../src/taxonomy/regions.js';

const market = generateMarket({ seed: 3, scale: 'small' });
const AS_OF = market.manifest.asOf;
const reference: MarketReference = {
  chains: new Map(market.chains.map((c) => [c.id, c])),
  zones: new Map(market.zones.map((z) => [z.id, z])),
  institutions: new Map(market.institutions.map((i) => [i.id, i])),
};
const EP_RULES: readonly EligibilityRule<Enterprise, FinancialProduct>[] =
  enterpriseProductProfile().rules;
const PI_RULES: readonly EligibilityRule<Project, Investor>[] = projectInvestorProfile().rules;

/**
 * Runs per rule, and a fixed seed so a failure reproduces; AGREEMENT_RUNS / AGREEMENT_SEED
 * override them for a longer search.
 */
const RUNS = Number(process.env['AGREEMENT_RUNS'] ?? 300);
const SEED = Number(process.env['AGREEMENT_SEED'] ?? 20260630);

// ---------------------------------------------------------------------------------------------
// Comparing verdicts

function engineEP(
  rule: EligibilityRule<Enterprise, FinancialProduct>,
  e: Enterprise,
  p: FinancialProduct,
  asOf: string,
) {
  return rule.check({ subject: e, target: p, asOf, locale: 'en', reference }).passed;
}

function enginePI(rule: EligibilityRule<Project, Investor>, pr: Project, inv: Investor) {
  return rule.check({ subject: pr, target: inv, asOf: AS_OF, locale: 'en', reference }).passed;
}

/** Every rule's verdict on one enterprise–product pair; the first disagreement, described. */
function disagreementEP(e: Enterprise, p: FinancialProduct, asOf: string): string | undefined {
  const dates = eligibilityDates(asOf);
  for (const rule of EP_RULES) {
    const engine = engineEP(rule, e, p, asOf);
    const generator = checkEnterpriseProductRule(rule.name as EnterpriseProductRule, e, p, dates);
    if (engine !== generator)
      return `rule ${rule.name} disagrees on (${e.id}, ${p.id}) at asOf ${asOf}: engine ${engine}, generator ${generator}`;
  }
  return undefined;
}

/** Every rule's verdict on one project–investor pair; the first disagreement, described. */
function disagreementPI(pr: Project, inv: Investor): string | undefined {
  for (const rule of PI_RULES) {
    const engine = enginePI(rule, pr, inv);
    const generator = checkProjectInvestorRule(rule.name as ProjectInvestorRule, pr, inv);
    if (engine !== generator)
      return `rule ${rule.name} disagrees on (${pr.id}, ${inv.id}): engine ${engine}, generator ${generator}`;
  }
  return undefined;
}

describe('the generator has a counterpart for every engine rule', () => {
  test('enterprise–product rule names are the engine profile’s', () => {
    expect([...ENTERPRISE_PRODUCT_RULES].sort()).toEqual(EP_RULES.map((r) => r.name).sort());
    expect(Object.keys(EP_PERTURB).sort()).toEqual(EP_RULES.map((r) => r.name).sort());
  });

  test('project–investor rule names are the engine profile’s', () => {
    expect([...PROJECT_INVESTOR_RULES].sort()).toEqual(PI_RULES.map((r) => r.name).sort());
    expect(Object.keys(PI_PERTURB).sort()).toEqual(PI_RULES.map((r) => r.name).sort());
  });
});

describe('rule by rule on generated pairs', () => {
  test('enterprise–product, a deterministic sample of pairs', () => {
    let checked = 0;
    for (let i = 0; i < market.enterprises.length; i += 41) {
      const e = market.enterprises[i]!;
      for (const p of market.products) {
        const wrong = disagreementEP(e, p, AS_OF);
        if (wrong !== undefined) throw new Error(wrong);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  test('project–investor, every pair', () => {
    for (const pr of market.projects)
      for (const inv of market.investors) {
        const wrong = disagreementPI(pr, inv);
        if (wrong !== undefined) throw new Error(wrong);
      }
  });
});

// ---------------------------------------------------------------------------------------------
// Perturbation pools

/** Every prefix of a canonical sector code that is itself a code: C3453 → C, C34, C345, C3453. */
const sectorPrefixes = (code: string): string[] =>
  [1, 3, 4, 5].filter((n) => n <= code.length).map((n) => code.slice(0, n));
const SECTORS = [
  ...new Set(
    [
      ...market.enterprises.map((e) => e.sector),
      ...market.projects.map((p) => p.sector),
      ...market.products.flatMap((p) => [...p.targetSectors, ...p.excludedSectors]),
      ...market.investors.flatMap((i) => [...i.targetSectors, ...i.excludedSectors]),
    ].flatMap(sectorPrefixes),
  ),
].sort();
const REGIONS = [
  ...new Set([...market.enterprises.map((e) => e.region), ...market.projects.map((p) => p.region)]),
].sort();
const REGION_PREFIXES = [
  ...new Set(REGIONS.flatMap((r) => [r.slice(0, 2), r.slice(0, 4), r])),
].filter((r) => isRegionPrefix(r));

/** Evaluation dates: the market's, month ends (the renewal window clamps) and leap-day years. */
const AS_OFS = [
  AS_OF,
  '2026-11-30',
  '2026-08-31',
  '2025-12-31',
  '2027-02-28',
  '2027-03-01',
  '2028-02-28',
  '2028-02-29',
  '2028-03-01',
];

const subset = <T>(items: readonly T[], maxLength = items.length) =>
  fc.uniqueArray(fc.constantFrom(...items), { maxLength });

/** Sector codes: one of the subject's own prefixes (a hit), or any code of the market. */
const sectorNear = (subject: string) =>
  fc.oneof(fc.constantFrom(...sectorPrefixes(subject)), fc.constantFrom(...SECTORS));

/** Target and excluded sector lists around a subject's sector (disjoint, as records require). */
const sectorLists = (subject: string) =>
  fc
    .tuple(
      fc.uniqueArray(sectorNear(subject), { maxLength: 3 }),
      fc.uniqueArray(sectorNear(subject), { maxLength: 2 }),
    )
    .map(([targets, excluded]) => ({
      targets,
      excluded: excluded.filter((x) => !targets.includes(x)),
    }));

/** A subject sector: a market code or a code near a target list (its prefixes, extensions). */
const subjectSector = (targets: readonly string[]) =>
  targets.length === 0
    ? fc.constantFrom(...SECTORS)
    : fc.oneof(
        fc.constantFrom(...SECTORS),
        fc.constantFrom(
          ...SECTORS.filter((s) => targets.some((t) => s.startsWith(t) || t.startsWith(s))),
        ),
      );

/** Region lists around a subject's region (its prefixes, and other codes of the market). */
const regionsNear = (region: string) =>
  fc.uniqueArray(
    fc.oneof(
      fc.constantFrom(...REGION_PREFIXES.filter((r) => region.startsWith(r))),
      fc.constantFrom(...REGION_PREFIXES),
    ),
    { maxLength: 3 },
  );

/** Limits of a perturbed number: the record's own (amounts > 0, terms 1–600 months). */
interface Bounds {
  integer: boolean;
  floor: number;
  ceiling: number;
}
const AMOUNT: Bounds = { integer: false, floor: 1, ceiling: 1e12 };
const MONTHS: Bounds = { integer: true, floor: 1, ceiling: 600 };

/** A number drawn up to `hi` within the bounds. */
const anyUpTo = (hi: number, b: Bounds) => {
  const max = Math.min(b.ceiling, Math.max(b.floor, hi));
  return b.integer
    ? fc.integer({ min: b.floor, max })
    : fc.double({ min: b.floor, max, noNaN: true });
};
const clampTo = (x: number, b: Bounds) => Math.min(b.ceiling, Math.max(b.floor, x));

/** A number on, just inside or just outside a range's ends, or anywhere up to twice its max. */
const nearRange = ({ min, max }: { min: number; max: number }, b: Bounds) => {
  const step = b.integer ? 1 : 0.01;
  return fc
    .oneof(
      fc.constantFrom(min, max, min - step, max + step, min + step, max - step),
      anyUpTo(max * 2, b),
    )
    .map((x) => clampTo(x, b));
};

/** A range (min ≤ max) whose ends sit on, or next to, `x`, or anywhere up to 3x. */
const rangeAround = (x: number, b: Bounds) => {
  const step = b.integer ? 1 : 0.01;
  const near = fc.constantFrom(x, x - step, x + step).map((v) => clampTo(v, b));
  const far = anyUpTo(x * 3, b);
  return fc.tuple(fc.oneof(near, far), fc.oneof(near, far)).map(([a, b]) => ({
    min: Math.min(a, b),
    max: Math.max(a, b),
  }));
};

/** `date` moved by whole years (29 February becomes 28 February in a common year). */
function shiftYears(date: string, years: number): string {
  const y = yearOf(date) + years;
  let rest = date.slice(4);
  if (rest === '-02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) rest = '-02-28';
  return `${y}${rest}`;
}

/** Certificate dates around the 3-year expiry of `asOf`, 29 February grants, future grants. */
const certifiedOnNear = (asOf: string) =>
  fc.oneof(
    fc.integer({ min: -3, max: 3 }).map((d) => addDays(shiftYears(asOf, -3), d)),
    fc.constantFrom(
      '2024-02-29',
      '2024-02-28',
      '2024-03-01',
      '2025-02-28',
      '2025-03-01',
      '2020-02-29',
    ),
    fc.integer({ min: -4 * 366, max: 30 }).map((d) => addDays(asOf, d)),
  );

/** Loan maturities around asOf and around the end of the renewal window (85–95 days later). */
const maturityNear = (asOf: string) =>
  fc
    .oneof(
      fc.integer({ min: -2, max: 2 }),
      fc.integer({ min: 85, max: 95 }),
      fc.integer({ min: -60, max: 400 }),
    )
    .map((d) => addDays(asOf, d));

// ---------------------------------------------------------------------------------------------
// Perturbations, one per rule: of exactly the fields the rule reads

interface EPCase {
  e: Enterprise;
  p: FinancialProduct;
  asOf: string;
}
type EPPerturb = (e: Enterprise, p: FinancialProduct) => fc.Arbitrary<EPCase>;

const at = (e: Enterprise, p: FinancialProduct, asOf = AS_OF): EPCase => ({ e, p, asOf });
const withNeed = (e: Enterprise, need: Partial<Enterprise['need']>): Enterprise => ({
  ...e,
  need: { ...e.need, ...need },
});

const EP_PERTURB: Record<EnterpriseProductRule, EPPerturb> = {
  amountRange: (e, p) =>
    fc.oneof(
      nearRange(p.amount, AMOUNT).map((amount) => at(withNeed(e, { amount }), p)),
      rangeAround(e.need.amount, AMOUNT).map((amount) => at(e, { ...p, amount })),
    ),
  termRange: (e, p) =>
    fc.oneof(
      nearRange(p.termMonths, MONTHS).map((termMonths) => at(withNeed(e, { termMonths }), p)),
      rangeAround(e.need.termMonths, MONTHS).map((termMonths) => at(e, { ...p, termMonths })),
    ),
  region: (e, p) =>
    fc
      .tuple(fc.constantFrom(e.region, ...REGIONS), regionsNear(e.region))
      .map(([region, regions]) => at({ ...e, region }, { ...p, regions })),
  sector: (e, p) =>
    sectorLists(e.sector).chain(({ targets, excluded }) =>
      subjectSector(targets).map((sector) =>
        at({ ...e, sector }, { ...p, targetSectors: targets, excludedSectors: excluded }),
      ),
    ),
  stage: (e, p) =>
    fc
      .tuple(fc.constantFrom(...STAGES), subset(STAGES))
      .map(([stage, stages]) => at({ ...e, stage }, { ...p, stages })),
  srdiTier: (e, p) =>
    fc
      .constantFrom(...AS_OFS)
      .chain((asOf) =>
        fc
          .tuple(
            fc.constantFrom(...SRDI_TIERS),
            fc.option(certifiedOnNear(asOf), { nil: undefined, freq: 6 }),
            fc.constantFrom(...SRDI_TIERS),
          )
          .map(([tier, certifiedOn, minSrdiTier]) =>
            at(
              { ...e, srdi: certifiedOn === undefined ? { tier } : { tier, certifiedOn } },
              { ...p, minSrdiTier },
              asOf,
            ),
          ),
      ),
  yearsOperating: (e, p) =>
    fc.constantFrom(...AS_OFS).chain((asOf) =>
      fc
        .tuple(
          fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined, freq: 6 }),
          fc.integer({ min: -2, max: 2 }),
        )
        .map(([min, delta]) => {
          const foundedYear = yearOf(asOf) - (min ?? 3) + delta;
          const { minYearsOperating: _, ...rest } = p;
          return at(
            { ...e, foundedYear },
            min === undefined ? rest : { ...rest, minYearsOperating: min },
            asOf,
          );
        }),
    ),
  revenue: (e, p) =>
    fc
      .tuple(
        fc.option(fc.constantFrom(0, 1e7, 1e8, 123_456.78, e.annualRevenue), {
          nil: undefined,
          freq: 6,
        }),
        fc.constantFrom(-1, -0.01, 0, 0.01, 1),
      )
      .map(([min, delta]) => {
        const annualRevenue = Math.max(0, (min ?? e.annualRevenue) + delta);
        const { minAnnualRevenue: _, ...rest } = p;
        return at(
          { ...e, annualRevenue },
          min === undefined ? rest : { ...rest, minAnnualRevenue: min },
        );
      }),
  collateral: (e, p) =>
    fc
      .tuple(subset(COLLATERAL_KINDS), subset(COLLATERAL_KINDS, 3))
      .map(([collateral, required]) =>
        at({ ...e, collateral }, { ...p, collateral: { ...p.collateral, required } }),
      ),
  instrument: (e, p) =>
    fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...INSTRUMENTS), { minLength: 1 }),
        fc.constantFrom(...INSTRUMENTS),
      )
      .map(([instruments, instrument]) => at(withNeed(e, { instruments }), { ...p, instrument })),
  policyList: (e, p) =>
    fc
      .tuple(subset(POLICY_LISTS), subset(POLICY_LISTS, 3))
      .map(([policyLists, requiredPolicyLists]) =>
        at({ ...e, policyLists }, { ...p, requiredPolicyLists }),
      ),
  loanRenewal: (e, p) =>
    fc.constantFrom(...AS_OFS).chain((asOf) =>
      fc
        .tuple(
          fc.array(fc.tuple(maturityNear(asOf), fc.constantFrom(true, true, false)), {
            maxLength: 3,
          }),
          fc.oneof(fc.constant('loanRenewal' as const), fc.constantFrom(...PRODUCT_TYPES)),
        )
        .map(([loans, type]) =>
          at(
            {
              ...e,
              existingLoans: loans.map(([maturity, renewalWithoutRepayment], k) => ({
                id: `${e.id}-X${k + 1}`,
                amount: 1e6,
                maturity,
                renewalWithoutRepayment,
              })),
            },
            { ...p, type },
            asOf,
          ),
        ),
    ),
};

type PIPerturb = (pr: Project, inv: Investor) => fc.Arbitrary<[Project, Investor]>;

const PI_PERTURB: Record<ProjectInvestorRule, PIPerturb> = {
  ticket: (pr, inv) =>
    fc.oneof(
      nearRange(inv.ticket, AMOUNT).map((amount): [Project, Investor] => [
        { ...pr, need: { ...pr.need, amount } },
        inv,
      ]),
      rangeAround(pr.need.amount, AMOUNT).map((ticket): [Project, Investor] => [
        pr,
        { ...inv, ticket },
      ]),
    ),
  round: (pr, inv) =>
    fc
      .tuple(fc.constantFrom(...ROUNDS), subset(ROUNDS))
      .map(([round, rounds]): [Project, Investor] => [
        { ...pr, round },
        { ...inv, rounds },
      ]),
  trl: (pr, inv) =>
    fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })), {
          nil: undefined,
          freq: 6,
        }),
      )
      .map(([trl, range]): [Project, Investor] => {
        const { trl: _, ...rest } = inv;
        return [
          { ...pr, trl },
          range === undefined
            ? rest
            : { ...rest, trl: { min: Math.min(...range), max: Math.max(...range) } },
        ];
      }),
  sector: (pr, inv) =>
    sectorLists(pr.sector).chain(({ targets, excluded }) =>
      subjectSector(targets).map((sector): [Project, Investor] => [
        { ...pr, sector },
        { ...inv, targetSectors: targets, excludedSectors: excluded },
      ]),
    ),
  region: (pr, inv) =>
    fc
      .tuple(fc.constantFrom(pr.region, ...REGIONS), regionsNear(pr.region))
      .map(([region, regions]): [Project, Investor] => [
        { ...pr, region },
        { ...inv, regions },
      ]),
  instrument: (pr, inv) =>
    fc
      .tuple(fc.constantFrom(...INSTRUMENTS), fc.constantFrom(...INVESTOR_KINDS))
      .map(([instrument, kind]): [Project, Investor] => [
        { ...pr, need: { ...pr.need, instrument } },
        { ...inv, kind },
      ]),
};

/** Fails when a perturbation made an invalid record: the comparison is on valid records only. */
function valid<T>(kind: 'enterprise' | 'product' | 'project' | 'investor', record: T): T {
  const r = safeParseRecord(kind, record);
  if (!r.ok) throw new Error(`perturbation made an invalid ${kind}: ${JSON.stringify(r.issues)}`);
  return r.record as T;
}

// ---------------------------------------------------------------------------------------------
// Properties

const pick = <T>(items: readonly T[]) => fc.nat(items.length - 1).map((i) => items[i]!);

describe('rule by rule on random perturbations of generated records', () => {
  for (const rule of EP_RULES) {
    test(`enterprise–product ${rule.name}`, () => {
      const perturb = EP_PERTURB[rule.name as EnterpriseProductRule];
      expect(perturb, `no perturbation for engine rule ${rule.name}`).toBeDefined();
      const arb = fc
        .tuple(pick(market.enterprises), pick(market.products))
        .chain(([e, p]) => perturb(structuredClone(e), structuredClone(p)));
      const verdicts = [0, 0];
      fc.assert(
        fc.property(arb, ({ e, p, asOf }) => {
          const [ve, vp] = [valid('enterprise', e), valid('product', p)];
          const wrong = disagreementEP(ve, vp, asOf);
          if (wrong !== undefined) throw new Error(`${wrong} (perturbing ${rule.name})`);
          verdicts[engineEP(rule, ve, vp, asOf) ? 0 : 1]!++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // the perturbations reach both sides of the rule
      expect(
        verdicts.every((n) => n > 0),
        `${rule.name}: passed, failed = ${verdicts}`,
      ).toBe(true);
    });
  }

  for (const rule of PI_RULES) {
    test(`project–investor ${rule.name}`, () => {
      const perturb = PI_PERTURB[rule.name as ProjectInvestorRule];
      expect(perturb, `no perturbation for engine rule ${rule.name}`).toBeDefined();
      const arb = fc
        .tuple(pick(market.projects), pick(market.investors))
        .chain(([pr, inv]) => perturb(structuredClone(pr), structuredClone(inv)));
      const verdicts = [0, 0];
      fc.assert(
        fc.property(arb, ([pr, inv]) => {
          const [vpr, vinv] = [valid('project', pr), valid('investor', inv)];
          const wrong = disagreementPI(vpr, vinv);
          if (wrong !== undefined) throw new Error(`${wrong} (perturbing ${rule.name})`);
          verdicts[enginePI(rule, vpr, vinv) ? 0 : 1]!++;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(
        verdicts.every((n) => n > 0),
        `${rule.name}: passed, failed = ${verdicts}`,
      ).toBe(true);
    });
  }
});
