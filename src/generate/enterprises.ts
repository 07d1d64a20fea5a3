/**
 * Enterprises: tier → stage → revenue → need, with documented distributions
 * (calibration.ts), plus {@link conformEnterprise}, which minimally edits an enterprise so
 * that it becomes eligible for one product (used to guarantee every product has candidates).
 *
 * @module
 */
import {
  COLLATERAL_KINDS,
  INSTRUMENTS,
  POLICY_LISTS,
  SRDI_RULE_SETS,
  type SrdiRuleSetId,
  type CollateralKind,
  type Instrument,
  type PolicyList,
  type Purpose,
} from '../model/enums.js';
import type { Enterprise, ExistingLoan, FinancialProduct } from '../model/types.js';
import {
  SRDI_CERTIFICATE_YEARS,
  SRDI_TIERS,
  STAGES,
  type SrdiTier,
  type Stage,
} from '../taxonomy/ladders.js';
import { SRDI_RULES } from '../taxonomy/srdi.js';
import type { Random } from '../util/random.js';
import {
  COLLATERAL_OFFER_PROBABILITY,
  EARLY_STAGE_EQUITY_SHARE,
  BOARD_LISTING_SHARE,
  EXISTING_LOANS,
  EXPIRED_CERTIFICATE_SHARE,
  INSTRUMENTS_BY_PURPOSE,
  LPR_PERCENT,
  MAX_RATE,
  NEED_AMOUNT_BOUNDS,
  NEED_BY_STAGE,
  POLICY_LIST_PROBABILITY,
  PURPOSE_WEIGHTS_BY_STAGE,
  RD_INTENSITY_MEAN,
  REVENUE_PER_EMPLOYEE,
  SRDI_TIER_SHARES,
  STAGE_AGE_YEARS,
  STAGE_REVENUE_BAND,
  STAGE_WEIGHTS_BY_TIER,
  TARGET_MEAN_NEED,
  TERM_BY_PURPOSE,
  TIER_REVENUE_FLOOR,
  TOP_TIER_MANUFACTURING_SHARE,
} from './calibration.js';
import { addDays, fromDayNumber, toDayNumber } from '../util/dates.js';
import {
  checkEnterpriseProductRule,
  effectiveSrdiTierAt,
  sectorAllowed,
  type EligibilityDates,
} from './eligibility.js';
import {
  chance,
  classesUnder,
  clampWan,
  cumulative,
  drawIndex,
  intBetween,
  logUniform,
  roundTo,
  roundWan,
  uniform,
  type Cumulative,
  type RegionSampler,
  type SectorSampler,
} from './sampling.js';

/** What enterprise generation needs. */
export interface EnterpriseContext {
  dates: EligibilityDates;
  sectors: SectorSampler;
  regions: RegionSampler;
  /** A bank for an existing loan of an enterprise in `region` (behaviour.ts: volume × footprint). */
  drawLender: (rng: Random, region: string) => string;
  tierCum: Cumulative;
  /** Multiplier on stage medians so the mean need is {@link TARGET_MEAN_NEED}. */
  needScale: number;
  /** Day numbers of asOf and of the renewal horizon. */
  asOfDay: number;
  horizonDay: number;
}

/** Probability of each stage over the whole market (tier shares × stage weights). */
export function stageShares(): Record<Stage, number> {
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const tier of SRDI_TIERS) {
    const w = STAGE_WEIGHTS_BY_TIER[tier];
    const total = STAGES.reduce((a, s) => a + w[s], 0);
    for (const s of STAGES) out[s] += (SRDI_TIER_SHARES[tier] * w[s]) / total;
  }
  return out;
}

/**
 * Scale factor on the stage medians such that the mixture of log-normals has mean
 * {@link TARGET_MEAN_NEED}: E = Σ P(stage) · median · exp(σ²/2).
 */
export function needScale(): number {
  const shares = stageShares();
  let mean = 0;
  for (const s of STAGES)
    mean += shares[s] * NEED_BY_STAGE[s].median * Math.exp(NEED_BY_STAGE[s].sigma ** 2 / 2);
  return TARGET_MEAN_NEED / mean;
}

/** Builds the context (tier table, need scale). */
export function createEnterpriseContext(
  dates: EligibilityDates,
  sectors: SectorSampler,
  regions: RegionSampler,
  drawLender: (rng: Random, region: string) => string,
): EnterpriseContext {
  return {
    dates,
    sectors,
    regions,
    drawLender,
    tierCum: cumulative(SRDI_TIERS.map((t) => SRDI_TIER_SHARES[t])),
    needScale: needScale(),
    asOfDay: toDayNumber(dates.asOf),
    horizonDay: toDayNumber(dates.renewalHorizon),
  };
}

/** A date `days` before asOf, with the day of month capped at 28 (no month-end edge cases). */
function dayBefore(asOf: string, days: number): string {
  const d = fromDayNumber(toDayNumber(asOf) - days);
  return Number(d.slice(8)) > 28 ? `${d.slice(0, 8)}28` : d;
}

/** Days kept between a drawn certificate date and its expiry, so no draw sits on the boundary. */
const CERTIFICATE_MARGIN_DAYS = 40;

/**
 * A valid (or, with `expired`, an expired) certificate date for `asOf`: granted within the
 * validity period ({@link SRDI_CERTIFICATE_YEARS} years, the taxonomy's) or up to one more
 * period before it, at least {@link CERTIFICATE_MARGIN_DAYS} days from the expiry boundary.
 */
export function certificateDate(rng: Random, asOf: string, expired: boolean): string {
  const validDays = SRDI_CERTIFICATE_YEARS * 365;
  return expired
    ? dayBefore(asOf, intBetween(rng, validDays + CERTIFICATE_MARGIN_DAYS, 2 * validDays))
    : dayBefore(asOf, intBetween(rng, 30, validDays - CERTIFICATE_MARGIN_DAYS));
}

function srdiRecord(
  rng: Random,
  tier: SrdiTier,
  asOf: string,
  expired: boolean,
): Enterprise['srdi'] {
  if (tier === 'none') return { tier };
  const certifiedOn = certificateDate(rng, asOf, expired);
  // The rule set in force on the grant date (srdi.md §0); none before the 2022 measures.
  let ruleSet: SrdiRuleSetId | undefined;
  for (const id of SRDI_RULE_SETS) if (SRDI_RULES[id].effectiveFrom <= certifiedOn) ruleSet = id;
  return ruleSet === undefined ? { tier, certifiedOn } : { tier, certifiedOn, ruleSet };
}

const STAGE_CUM = Object.fromEntries(
  SRDI_TIERS.map((t) => [t, cumulative(STAGES.map((s) => STAGE_WEIGHTS_BY_TIER[t][s]))]),
) as Record<SrdiTier, Cumulative>;

const PURPOSE_TABLE = Object.fromEntries(
  STAGES.map((s) => {
    const w = PURPOSE_WEIGHTS_BY_STAGE[s];
    const keys = Object.keys(w) as Purpose[];
    return [s, { keys, cum: cumulative(keys.map((k) => w[k] ?? 0)) }];
  }),
) as Record<Stage, { keys: Purpose[]; cum: Cumulative }>;

function drawStage(rng: Random, tier: SrdiTier, allowed?: readonly Stage[]): Stage {
  if (!allowed) return STAGES[drawIndex(rng, STAGE_CUM[tier])]!;
  const w = STAGE_WEIGHTS_BY_TIER[tier];
  const options = (allowed && allowed.length > 0 ? allowed : STAGES).filter((s) => w[s] > 0);
  if (options.length === 0) return rng.pick(allowed && allowed.length > 0 ? allowed : STAGES);
  return options[rng.weighted(options.map((s) => w[s]))]!;
}

/** Revenue for a stage respecting the tier floor and an extra floor; log-uniform in the band. */
function drawRevenue(rng: Random, stage: Stage, tier: SrdiTier, extraFloor = 0): number {
  const band = STAGE_REVENUE_BAND[stage];
  const lo = Math.max(band.min, TIER_REVENUE_FLOOR[tier], extraFloor);
  if (lo === 0 && band.max === 0) return 0;
  const hi = Math.max(band.max, lo * 1.5);
  return roundWan(Math.min(hi, logUniform(rng, lo, Math.min(hi, Math.max(band.max, lo * 3)))));
}

function employeesFor(rng: Random, revenue: number, stage: Stage): number {
  if (revenue === 0) return intBetween(rng, 3, 15);
  const perHead = logUniform(rng, REVENUE_PER_EMPLOYEE.min, REVENUE_PER_EMPLOYEE.max);
  return Math.max(stage === 'startup' ? 3 : 10, Math.round(revenue / perHead));
}

function ageYears(rng: Random, stage: Stage): number {
  const a = STAGE_AGE_YEARS[stage];
  return intBetween(rng, a.min, a.max);
}

function sortBy<T extends string>(items: Iterable<T>, order: readonly T[]): T[] {
  const set = new Set(items);
  return order.filter((x) => set.has(x));
}

function drawInstruments(
  rng: Random,
  purpose: Purpose,
  stage: Stage,
  tier: SrdiTier,
): Instrument[] {
  const [first, ...rest] = INSTRUMENTS_BY_PURPOSE[purpose];
  const set = new Set<Instrument>([first]);
  for (const [inst, p] of rest) if (chance(rng, p)) set.add(inst);
  if ((stage === 'seed' || stage === 'startup') && chance(rng, EARLY_STAGE_EQUITY_SHARE))
    set.add('equity');
  if (stage === 'seed') set.delete('loan');
  if (set.size === 0) set.add('equity');
  if (stage !== 'seed' && tier !== 'none' && chance(rng, BOARD_LISTING_SHARE)) set.add('listing');
  return sortBy(set, INSTRUMENTS);
}

function drawNeedAmount(rng: Random, stage: Stage, scale: number): number {
  const { median, sigma } = NEED_BY_STAGE[stage];
  const raw = median * scale * Math.exp(sigma * rng.normal());
  return roundWan(Math.min(NEED_AMOUNT_BOUNDS.max, Math.max(NEED_AMOUNT_BOUNDS.min, raw)));
}

function drawExistingLoans(
  rng: Random,
  id: string,
  region: string,
  amountHint: number,
  ctx: EnterpriseContext,
): ExistingLoan[] {
  const n = intBetween(rng, 1, 2);
  const loans: ExistingLoan[] = [];
  const horizon = ctx.horizonDay;
  for (let i = 0; i < n; i++) {
    let day = ctx.asOfDay + intBetween(rng, 5, EXISTING_LOANS.maxMonthsAhead * 30);
    if (Math.abs(day - horizon) <= 3) day += 7;
    const d = fromDayNumber(day);
    loans.push({
      id: `${id}-L${i + 1}`,
      lenderId: ctx.drawLender(rng, region),
      amount: roundWan(amountHint * uniform(rng, 0.3, 1.2)),
      maturity: Number(d.slice(8)) > 28 ? `${d.slice(0, 8)}28` : d,
      renewalWithoutRepayment: chance(rng, EXISTING_LOANS.renewableShare),
    });
  }
  return loans;
}

/**
 * One enterprise. `text`, `chains`, `zones` and the `keyChainEnterprise` list are filled later
 * (chains.ts, index.ts), after any repair, so they describe the final record.
 */
export function generateEnterprise(rng: Random, index: number, ctx: EnterpriseContext): Enterprise {
  const id = `ent-${String(index + 1).padStart(6, '0')}`;
  const tier = SRDI_TIERS[drawIndex(rng, ctx.tierCum)]!;
  const topTier = tier === 'littleGiant' || tier === 'champion';
  const sector =
    topTier && chance(rng, TOP_TIER_MANUFACTURING_SHARE)
      ? ctx.sectors.drawManufacturing(rng)
      : ctx.sectors.draw(rng);
  const region = ctx.regions.draw(rng);
  const stage = drawStage(rng, tier);
  const expired = tier !== 'none' && chance(rng, EXPIRED_CERTIFICATE_SHARE);
  const srdi = srdiRecord(rng, tier, ctx.dates.asOf, expired);
  const annualRevenue = drawRevenue(rng, stage, tier);
  const foundedYear = ctx.dates.asOfYear - ageYears(rng, stage);
  const manufacturing = sector.startsWith('C');

  const collateral: CollateralKind[] = [];
  for (const kind of COLLATERAL_KINDS) {
    let p = COLLATERAL_OFFER_PROBABILITY[kind];
    if (kind === 'equipment') p *= manufacturing ? 1.3 : 0.4;
    if (kind === 'ipPledge') p *= tier === 'none' ? 0.3 : 1.6;
    if (kind === 'realEstate' && (stage === 'seed' || stage === 'startup')) p *= 0.3;
    if (chance(rng, Math.min(0.95, p))) collateral.push(kind);
  }

  const policyLists: PolicyList[] = [];
  for (const list of POLICY_LISTS) {
    if (list === 'keyChainEnterprise') continue;
    let p = POLICY_LIST_PROBABILITY[list][tier];
    if (
      (list === 'equipmentRenewalProjects' ||
        list === 'digitalTransformationPilot' ||
        list === 'greenFactory') &&
      !manufacturing
    )
      p *= 0.2;
    if (chance(rng, p)) policyLists.push(list);
  }

  const purposes = PURPOSE_TABLE[stage];
  const purpose = purposes.keys[drawIndex(rng, purposes.cum)]!;
  const amount = drawNeedAmount(rng, stage, ctx.needScale);
  const term = TERM_BY_PURPOSE[purpose];
  const need: Enterprise['need'] = {
    amount,
    termMonths: intBetween(rng, term.min, term.max),
    instruments: drawInstruments(rng, purpose, stage, tier),
    purpose,
  };
  if (chance(rng, MAX_RATE.share))
    need.maxRatePercent = roundTo(
      LPR_PERCENT + uniform(rng, MAX_RATE.minSpread, MAX_RATE.maxSpread),
      0.05,
    );

  const hasLoans = stage !== 'seed' && stage !== 'startup' && chance(rng, EXISTING_LOANS.share);
  const mean = RD_INTENSITY_MEAN[tier];
  return {
    id,
    name: '',
    sector,
    region,
    stage,
    srdi,
    foundedYear,
    employees: employeesFor(rng, annualRevenue, stage),
    annualRevenue,
    rdIntensity: roundTo(Math.min(0.6, Math.max(0, mean + 0.02 * rng.normal())), 0.001),
    debtRatio: roundTo(Math.min(1.2, Math.max(0.05, 0.5 + 0.15 * rng.normal())), 0.01),
    collateral,
    chains: [],
    zones: [],
    policyLists,
    existingLoans: hasLoans ? drawExistingLoans(rng, id, region, amount, ctx) : [],
    need,
    text: '',
  };
}

/**
 * Edits `e` in place so it passes every rule of `p`, changing only what fails (and what must
 * stay consistent with it: a new tier brings a valid certificate and a compatible stage; a new
 * stage brings revenue inside the stage band). Returns `e`.
 */
export function conformEnterprise(
  rng: Random,
  e: Enterprise,
  p: FinancialProduct,
  ctx: EnterpriseContext,
): Enterprise {
  const { dates } = ctx;
  const fails = (rule: Parameters<typeof checkEnterpriseProductRule>[0]) =>
    !checkEnterpriseProductRule(rule, e, p, dates);
  let tier = effectiveSrdiTierAt(e, dates);
  let revenueDirty = false;
  if (fails('srdiTier')) {
    tier = p.minSrdiTier;
    e.srdi = srdiRecord(rng, tier, dates.asOf, false);
    revenueDirty = true;
  }
  if (fails('stage') || STAGE_WEIGHTS_BY_TIER[tier][e.stage] === 0) {
    const allowed = p.stages.length > 0 ? p.stages : STAGES;
    if (!allowed.includes(e.stage) || STAGE_WEIGHTS_BY_TIER[tier][e.stage] === 0) {
      e.stage = drawStage(rng, tier, allowed);
      revenueDirty = true;
    }
  }
  const band = STAGE_REVENUE_BAND[e.stage];
  const floor = Math.max(band.min, TIER_REVENUE_FLOOR[tier], p.minAnnualRevenue ?? 0);
  if (
    revenueDirty ||
    fails('revenue') ||
    e.annualRevenue < floor ||
    (band.max > 0 && e.annualRevenue > Math.max(band.max, floor * 3))
  ) {
    e.annualRevenue = drawRevenue(rng, e.stage, tier, p.minAnnualRevenue ?? 0);
    e.employees = employeesFor(rng, e.annualRevenue, e.stage);
  }
  if (fails('yearsOperating'))
    e.foundedYear = dates.asOfYear - (p.minYearsOperating ?? 0) - intBetween(rng, 0, 3);
  if (fails('amountRange')) {
    const lo = p.amount.min;
    const hi = Math.min(p.amount.max, Math.max(lo * 4, Math.sqrt(lo * p.amount.max)));
    e.need.amount = clampWan(logUniform(rng, lo, hi), p.amount.min, p.amount.max);
  }
  if (fails('termRange')) e.need.termMonths = intBetween(rng, p.termMonths.min, p.termMonths.max);
  if (fails('region')) e.region = ctx.regions.drawUnder(rng, rng.pick(p.regions));
  if (fails('sector')) {
    if (p.targetSectors.length > 0) {
      const options = p.targetSectors
        .flatMap((t) => classesUnder(t))
        .filter((c) => sectorAllowed(c.code, p.targetSectors, p.excludedSectors));
      e.sector = rng.pick(options).code;
    } else {
      let code = ctx.sectors.draw(rng);
      while (!sectorAllowed(code, p.targetSectors, p.excludedSectors)) code = ctx.sectors.draw(rng);
      e.sector = code;
    }
  }
  if (fails('collateral'))
    e.collateral = sortBy([...e.collateral, rng.pick(p.collateral.required)], COLLATERAL_KINDS);
  if (fails('instrument'))
    e.need.instruments = sortBy([...e.need.instruments, p.instrument], INSTRUMENTS);
  if (fails('policyList'))
    e.policyLists = sortBy([...e.policyLists, ...p.requiredPolicyLists], POLICY_LISTS);
  if (fails('loanRenewal')) {
    // A renewable loan due 10–75 days after asOf, and at least two weeks inside the renewal
    // window (asOf + LOAN_RENEWAL_WINDOW_MONTHS, the engine's) whatever its length.
    const latest = Math.min(75, ctx.horizonDay - ctx.asOfDay - 14);
    const maturity = addDays(dates.asOf, intBetween(rng, Math.min(10, latest), latest));
    e.existingLoans = [
      ...e.existingLoans,
      {
        id: `${e.id}-L${e.existingLoans.length + 1}`,
        lenderId: p.institutionId,
        amount: roundWan(e.need.amount * uniform(rng, 0.6, 1)),
        maturity: Number(maturity.slice(8)) > 28 ? `${maturity.slice(0, 8)}28` : maturity,
        renewalWithoutRepayment: true,
      },
    ];
  }
  return e;
}
