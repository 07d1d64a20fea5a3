/**
 * Interactions simulated over the ~2 years before asOf from the hidden true fit and the
 * institutions' latent behaviour:
 *
 * - **First contact.** Each active enterprise starts one episode on a day drawn with density
 *   growing like the platform's financing (PLATFORM_GROWTH_PER_YEAR). It scans candidate
 *   products from the buckets of its instruments and views a few, chosen ∝ truth^γ × reach ×
 *   footprint lift: reach is the issuing institution's volume that month (drifting by its
 *   trend) shared among its products, so deal counts follow the institutions' heavy-tailed
 *   volumes; the lift is its footprint share over the market share of the enterprise's
 *   province (clipped), so deal geography follows its footprint.
 * - **Funnel.** viewed → applied → approved/declined → funded, with probabilities linear in the
 *   truth (ENTERPRISE_INTERACTIONS).
 * - **Relationship lending.** A funded client returns to the same institution — the same
 *   product (a renewal) or another of its products — months later with probability ∝ the
 *   institution's loyalty, and is likelier to apply and be approved (RELATIONSHIP); returns
 *   chain while the window lasts, so repeat borrowers carry several dated deals.
 * - **Projects ↔ investors.** Views ∝ truth^γ × investor reach × footprint lift; after a funded deal the
 *   investor's syndicate partners may co-invest, and the investor may add a follow-on tranche
 *   (PROJECT_INTERACTIONS).
 *
 * Every date lies before asOf; approved/funded records carry an amount. Records are sorted by
 * date (stable) and numbered `ix-0000001`… in that order.
 *
 * @module
 */
import { INSTRUMENTS, type InteractionKind } from '../model/enums.js';
import type {
  Enterprise,
  FinancialProduct,
  Interaction,
  Investor,
  Project,
} from '../model/types.js';
import type { Random } from '../util/random.js';
import type { Behaviour, MarketBehaviour } from './behaviour.js';
import {
  ENTERPRISE_INTERACTIONS,
  PLATFORM_GROWTH_PER_YEAR,
  PROJECT_INTERACTIONS,
  RELATIONSHIP,
} from './calibration.js';
import { fromDayNumber, toDayNumber } from '../util/dates.js';
import { chance, clampWan, intBetween, uniform } from './sampling.js';
import type { TruthModel } from './truth.js';

/** Days per month of the reach tables. */
const DAYS_PER_MONTH = 365.25 / 12;
/** Days between a first view and the other views of one episode (the platform shows several). */
const EPISODE_SPREAD_DAYS = 14;
/** Days between an investor's funding and a partner's first look at the project. */
const CO_INVEST_LAG_DAYS = Object.freeze({ min: 3, max: 30 });
/** Funnel boost of a returning client (RELATIONSHIP). */
const RETURNING_CLIENT = Object.freeze({
  apply: RELATIONSHIP.applyBoost,
  approve: RELATIONSHIP.approveBoost,
});

/** Interactions under construction: records (id assigned at the end) and their day numbers. */
interface Sink {
  records: Interaction[];
  days: number[];
  /** One shared date string per day. */
  dateOf(day: number): string;
}

interface Pair {
  subjectKind: 'enterprise' | 'project';
  subjectId: string;
  itemKind: 'product' | 'investor';
  itemId: string;
}

function emit(sink: Sink, pair: Pair, day: number, kind: InteractionKind, amount?: number): void {
  sink.days.push(day);
  sink.records.push({
    id: '',
    subjectKind: pair.subjectKind,
    subjectId: pair.subjectId,
    itemKind: pair.itemKind,
    itemId: pair.itemId,
    kind,
    date: sink.dateOf(day),
    ...(amount !== undefined ? { amount } : {}),
  });
}

/** Funnel parameters shared by both markets. */
interface Funnel {
  applyBase: number;
  applySlope: number;
  approveBase: number;
  approveSlope: number;
  fundedShare: number;
}

/**
 * Picks up to `n` distinct indices of `weights` without replacement, ∝ weight. Each of the `n`
 * draws may instead pick the outside option (weight `outside`: the subject looks no further on
 * the platform), so a candidate's absolute weight matters, not only its rank among few.
 */
function pickWeighted(rng: Random, weights: number[], n: number, outside = 0): number[] {
  const w = weights.slice();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let total = 0;
    for (const x of w) total += x;
    if (!(total > 0)) break;
    let r = rng.next() * (total + outside) - outside;
    if (r < 0) continue;
    let i = 0;
    for (; i < w.length - 1; i++) {
      r -= w[i]!;
      if (r < 0) break;
    }
    out.push(i);
    w[i] = 0;
  }
  return out;
}

/** Added to the apply and approve probabilities of a repeat deal. */
interface Boost {
  apply: number;
  approve: number;
}
const NO_BOOST: Boost = Object.freeze({ apply: 0, approve: 0 });

/**
 * Runs one funnel from `firstDay`; `boost` raises the apply and approve probabilities
 * (returning clients, co-investors). Returns the funded day, or −1.
 */
function runFunnel(
  rng: Random,
  sink: Sink,
  pair: Pair,
  truth: number,
  firstDay: number,
  funnel: Funnel,
  amountOf: () => number,
  boost: Boost = NO_BOOST,
): number {
  emit(sink, pair, firstDay, 'viewed');
  if (!chance(rng, funnel.applyBase + funnel.applySlope * truth + boost.apply)) return -1;
  const applied = firstDay + intBetween(rng, 1, 14);
  emit(sink, pair, applied, 'applied');
  const decided = applied + intBetween(rng, 3, 30);
  if (!chance(rng, funnel.approveBase + funnel.approveSlope * truth + boost.approve)) {
    emit(sink, pair, decided, 'declined');
    return -1;
  }
  const amount = amountOf();
  emit(sink, pair, decided, 'approved', amount);
  if (!chance(rng, funnel.fundedShare)) return -1;
  const funded = decided + intBetween(rng, 1, 20);
  emit(sink, pair, funded, 'funded', amount);
  return funded;
}

/** Options of {@link generateInteractions}. */
export interface InteractionInput {
  asOf: string;
  enterprises: readonly Enterprise[];
  products: readonly FinancialProduct[];
  projects: readonly Project[];
  investors: readonly Investor[];
  truth: TruthModel;
  behaviour: MarketBehaviour;
  onProgress?: (done: number) => void;
}

/** Months of the window, and a first-contact day drawn with growing density. */
interface Calendar {
  start: number;
  /** Latest day a funnel may start (its events then end before asOf). */
  lastStart: number;
  months: number;
  monthOf(day: number): number;
  firstContact(rng: Random): number;
}

function calendar(asOf: string): Calendar {
  const cfg = ENTERPRISE_INTERACTIONS;
  const asOfDay = toDayNumber(asOf);
  const start = asOfDay - cfg.windowDays;
  const lastStart = asOfDay - cfg.minLeadDays;
  const span = lastStart - start;
  const rate = Math.log(PLATFORM_GROWTH_PER_YEAR) / 365.25;
  const growth = Math.expm1(rate * span);
  const months = Math.floor(cfg.windowDays / DAYS_PER_MONTH) + 1;
  return {
    start,
    lastStart,
    months,
    monthOf: (day) => Math.min(months - 1, Math.max(0, Math.floor((day - start) / DAYS_PER_MONTH))),
    // Inverse CDF of the density ∝ exp(rate · t) on [0, span].
    firstContact: (rng) =>
      start + Math.min(span, Math.floor(Math.log1p(rng.next() * growth) / rate)),
  };
}

/**
 * Reach of each item per month: its owner's volume × exp(trend × years from the window's
 * middle), divided by the owner's number of items, scaled to mean 1. Row-major item × month.
 */
function reachTable(
  owners: ArrayLike<number>,
  behaviours: readonly Behaviour[],
  months: number,
): Float64Array {
  const itemsOf = new Int32Array(behaviours.length);
  for (let k = 0; k < owners.length; k++) itemsOf[owners[k]!]!++;
  const out = new Float64Array(owners.length * months);
  for (let k = 0; k < owners.length; k++) {
    const b = behaviours[owners[k]!]!;
    for (let m = 0; m < months; m++) {
      const years = (m + 0.5 - months / 2) / 12;
      out[k * months + m] = (b.volume * Math.exp(b.trend * years)) / itemsOf[owners[k]!]!;
    }
  }
  let sum = 0;
  for (const x of out) sum += x;
  if (sum > 0) for (let k = 0; k < out.length; k++) out[k]! *= out.length / sum;
  return out;
}

/** Generates all interactions, sorted by date (stable), with ids `ix-0000001`… in that order. */
export function generateInteractions(rng: Random, input: InteractionInput): Interaction[] {
  const { enterprises, products, projects, investors, truth, behaviour } = input;
  const cfg = ENTERPRISE_INTERACTIONS;
  const cal = calendar(input.asOf);
  const dateCache = new Map<number, string>();
  const sink: Sink = {
    records: [],
    days: [],
    dateOf: (day) => {
      let d = dateCache.get(day);
      if (d === undefined) dateCache.set(day, (d = fromDayNumber(day)));
      return d;
    },
  };

  // Buckets of product indices per instrument (product order), so candidates are drawn from
  // the instruments the enterprise asks for instead of scanning all 741 products.
  const buckets = new Map<string, number[]>(INSTRUMENTS.map((i) => [i, []]));
  products.forEach((p, i) => buckets.get(p.instrument)!.push(i));
  const stamp = new Int32Array(products.length).fill(-1);
  const owner = truth.institutionOfProduct;
  const productsOf = new Map<number, number[]>();
  for (let p = 0; p < products.length; p++) {
    let list = productsOf.get(owner[p]!);
    if (!list) productsOf.set(owner[p]!, (list = []));
    list.push(p);
  }
  const productReach = reachTable(owner, behaviour.institutions, cal.months);
  const provinces = behaviour.provinces.length;
  // An institution reaches the enterprises of its footprint: exposure × footprint share /
  // market share (the clipped affinity, exponentiated), so deal geography follows footprints.
  const footprintLift = behaviour.institutionAffinity.map(Math.exp);

  const loanAmount = (ent: Enterprise, prod: FinancialProduct) => () =>
    clampWan(
      Math.min(ent.need.amount, prod.amount.max) * uniform(rng, 0.6, 1),
      prod.amount.min,
      prod.amount.max,
    );
  const pairOf = (ent: Enterprise, p: number): Pair => ({
    subjectKind: 'enterprise',
    subjectId: ent.id,
    itemKind: 'product',
    itemId: products[p]!.id,
  });

  /** The product a returning client asks for: the same one, or another of the institution's. */
  const returnProduct = (e: number, p: number): number => {
    if (chance(rng, RELATIONSHIP.sameProductShare)) return p;
    const others: number[] = [];
    const weights: number[] = [];
    for (const q of productsOf.get(owner[p]!)!) {
      if (q === p) continue;
      const t = truth.enterpriseProductAt(e, q);
      if (t > 0) {
        others.push(q);
        weights.push(t ** cfg.selectionExponent);
      }
    }
    return others.length === 0 ? p : others[pickWeighted(rng, weights, 1)[0]!]!;
  };

  /** Repeat deals of a funded client with the product's institution, while the window lasts. */
  const relationship = (e: number, p: number, fundedDay: number): void => {
    const ent = enterprises[e]!;
    const loyalty = behaviour.institutions[owner[p]!]!.loyalty;
    let current = p;
    let day = fundedDay;
    while (chance(rng, RELATIONSHIP.returnShare * loyalty)) {
      day += intBetween(rng, RELATIONSHIP.gapDays.min, RELATIONSHIP.gapDays.max);
      if (day > cal.lastStart) return;
      const next = returnProduct(e, current);
      const funded = runFunnel(
        rng,
        sink,
        pairOf(ent, next),
        truth.enterpriseProductAt(e, next),
        day,
        cfg,
        loanAmount(ent, products[next]!),
        RETURNING_CLIENT,
      );
      if (funded < 0) return;
      current = next;
      day = funded;
    }
  };

  for (let e = 0; e < enterprises.length; e++) {
    if (input.onProgress && e % 10_000 === 0) input.onProgress(e);
    if (!chance(rng, cfg.activeShare)) continue;
    const ent = enterprises[e]!;
    const pool: number[] = [];
    for (const inst of ent.need.instruments) for (const p of buckets.get(inst)!) pool.push(p);
    if (pool.length === 0) continue;
    const candidates: number[] = [];
    if (pool.length <= cfg.candidates) candidates.push(...pool);
    else
      for (let k = 0; k < cfg.candidates; k++) {
        const p = pool[rng.int(pool.length)]!;
        if (stamp[p] !== e) {
          stamp[p] = e;
          candidates.push(p);
        }
      }
    const start = cal.firstContact(rng);
    const month = cal.monthOf(start);
    const province = behaviour.provinceIndex.get(ent.region.slice(0, 2)) ?? 0;
    const eligible: number[] = [];
    const weights: number[] = [];
    for (const p of candidates) {
      const t = truth.enterpriseProductAt(e, p);
      if (t > 0) {
        eligible.push(p);
        weights.push(
          t ** cfg.selectionExponent *
            productReach[p * cal.months + month]! *
            footprintLift[owner[p]! * provinces + province]!,
        );
      }
    }
    if (eligible.length === 0) continue;
    const views = intBetween(rng, cfg.views.min, cfg.views.max);
    for (const k of pickWeighted(rng, weights, views, cfg.outsideOption)) {
      const p = eligible[k]!;
      const funded = runFunnel(
        rng,
        sink,
        pairOf(ent, p),
        truth.enterpriseProductAt(e, p),
        Math.min(cal.lastStart, start + rng.int(EPISODE_SPREAD_DAYS)),
        cfg,
        loanAmount(ent, products[p]!),
      );
      if (funded >= 0) relationship(e, p, funded);
    }
  }

  generateProjectInteractions(rng, sink, cal, projects, investors, truth, behaviour);

  // Stable counting sort by day (ties keep generation order), then ids in date order.
  const { records, days } = sink;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (const d of days) {
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const offsets = new Int32Array(records.length === 0 ? 1 : maxDay - minDay + 2);
  for (const d of days) offsets[d - minDay + 1]!++;
  for (let i = 1; i < offsets.length; i++) offsets[i]! += offsets[i - 1]!;
  const sorted = new Array<Interaction>(records.length);
  for (let i = 0; i < records.length; i++) sorted[offsets[days[i]! - minDay]!++] = records[i]!;
  const width = Math.max(7, String(records.length).length);
  for (let n = 0; n < sorted.length; n++)
    sorted[n]!.id = `ix-${String(n + 1).padStart(width, '0')}`;
  return sorted;
}

/** Project ↔ investor episodes with syndicate co-investment and follow-on tranches. */
function generateProjectInteractions(
  rng: Random,
  sink: Sink,
  cal: Calendar,
  projects: readonly Project[],
  investors: readonly Investor[],
  truth: TruthModel,
  behaviour: MarketBehaviour,
): void {
  const pcfg = PROJECT_INTERACTIONS;
  const repeat: Boost = { apply: pcfg.repeatBoost, approve: pcfg.repeatBoost };
  const investorIndex = new Map(investors.map((inv, i) => [inv.id, i]));
  const self = Int32Array.from(investors, (_, i) => i);
  const reach = reachTable(self, behaviour.investors, cal.months);
  const provinces = behaviour.provinces.length;
  const footprintLift = behaviour.investorAffinity.map(Math.exp);
  const partnersOf = behaviour.investors.map((b) =>
    b.partners.flatMap((id) => {
      const k = investorIndex.get(id);
      return k === undefined ? [] : [k];
    }),
  );

  for (let j = 0; j < projects.length; j++) {
    const pr = projects[j]!;
    const pairOf = (i: number): Pair => ({
      subjectKind: 'project',
      subjectId: pr.id,
      itemKind: 'investor',
      itemId: investors[i]!.id,
    });
    const ticket = (i: number) => () =>
      clampWan(pr.need.amount, investors[i]!.ticket.min, investors[i]!.ticket.max);
    const start = cal.firstContact(rng);
    const month = cal.monthOf(start);
    const province = behaviour.provinceIndex.get(pr.region.slice(0, 2)) ?? 0;
    const eligible: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < investors.length; i++) {
      const t = truth.projectInvestorAt(j, i);
      if (t > 0) {
        eligible.push(i);
        weights.push(
          t ** pcfg.selectionExponent *
            reach[i * cal.months + month]! *
            footprintLift[i * provinces + province]!,
        );
      }
    }
    const engaged = new Set<number>();
    /** Funded deals whose partners and follow-ons are still to be simulated, in order. */
    const queue: [investor: number, fundedDay: number][] = [];
    const views = intBetween(rng, pcfg.views.min, pcfg.views.max);
    for (const k of pickWeighted(rng, weights, views, pcfg.outsideOption)) {
      const i = eligible[k]!;
      engaged.add(i);
      const day = Math.min(cal.lastStart, start + rng.int(EPISODE_SPREAD_DAYS));
      const funded = runFunnel(
        rng,
        sink,
        pairOf(i),
        truth.projectInvestorAt(j, i),
        day,
        pcfg,
        ticket(i),
      );
      if (funded >= 0) queue.push([i, funded]);
    }
    for (let q = 0; q < queue.length; q++) {
      const [i, fundedDay] = queue[q]!;
      for (const k of partnersOf[i]!) {
        if (engaged.has(k)) continue;
        const t = truth.projectInvestorAt(j, k);
        if (t === 0 || !chance(rng, pcfg.coInvestShare)) continue;
        const day = fundedDay + intBetween(rng, CO_INVEST_LAG_DAYS.min, CO_INVEST_LAG_DAYS.max);
        if (day > cal.lastStart) continue;
        engaged.add(k);
        const funded = runFunnel(rng, sink, pairOf(k), t, day, pcfg, ticket(k), repeat);
        if (funded >= 0) queue.push([k, funded]);
      }
      if (chance(rng, pcfg.followOnShare * behaviour.investors[i]!.loyalty)) {
        const day = fundedDay + intBetween(rng, pcfg.followOnGapDays.min, pcfg.followOnGapDays.max);
        if (day <= cal.lastStart) {
          const inv = investors[i]!;
          runFunnel(
            rng,
            sink,
            pairOf(i),
            truth.projectInvestorAt(j, i),
            day,
            pcfg,
            () =>
              clampWan(
                pr.need.amount * uniform(rng, pcfg.followOnAmount.min, pcfg.followOnAmount.max),
                inv.ticket.min,
                inv.ticket.max,
              ),
            repeat,
          );
        }
      }
    }
  }
}
