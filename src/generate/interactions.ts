/**
 * Interactions drawn from the hidden true fit: each active enterprise views a few of its
 * eligible products (sampled from the buckets of its instruments, chosen with probability
 * ∝ truth^γ), then the funnel viewed → applied → approved/declined → funded runs with
 * probabilities increasing in the truth. Projects ↔ investors likewise. Every date lies in
 * the ~2 years before asOf; approved/funded records carry an amount.
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
import { ENTERPRISE_INTERACTIONS, PROJECT_INTERACTIONS } from './calibration.js';
import { fromDayNumber, toDayNumber } from './dates.js';
import { chance, clampWan, intBetween, uniform } from './sampling.js';
import type { TruthModel } from './truth.js';

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

/** Picks up to `n` distinct indices of `weights` without replacement, ∝ weight. */
function pickWeighted(rng: Random, weights: number[], n: number): number[] {
  const w = weights.slice();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let total = 0;
    for (const x of w) total += x;
    if (!(total > 0)) break;
    let r = rng.next() * total;
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

function runFunnel(
  rng: Random,
  sink: Sink,
  pair: Pair,
  truth: number,
  firstDay: number,
  funnel: Funnel,
  amountOf: () => number,
): void {
  emit(sink, pair, firstDay, 'viewed');
  if (!chance(rng, funnel.applyBase + funnel.applySlope * truth)) return;
  const applied = firstDay + intBetween(rng, 1, 14);
  emit(sink, pair, applied, 'applied');
  const decided = applied + intBetween(rng, 3, 30);
  if (!chance(rng, funnel.approveBase + funnel.approveSlope * truth)) {
    emit(sink, pair, decided, 'declined');
    return;
  }
  const amount = amountOf();
  emit(sink, pair, decided, 'approved', amount);
  if (chance(rng, funnel.fundedShare))
    emit(sink, pair, decided + intBetween(rng, 1, 20), 'funded', amount);
}

/** Options of {@link generateInteractions}. */
export interface InteractionInput {
  asOf: string;
  enterprises: readonly Enterprise[];
  products: readonly FinancialProduct[];
  projects: readonly Project[];
  investors: readonly Investor[];
  truth: TruthModel;
  onProgress?: (done: number) => void;
}

/** Generates all interactions, sorted by date (stable), with ids `ix-0000001`… in that order. */
export function generateInteractions(rng: Random, input: InteractionInput): Interaction[] {
  const { enterprises, products, projects, investors, truth } = input;
  const asOfDay = toDayNumber(input.asOf);
  const cfg = ENTERPRISE_INTERACTIONS;
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
  const firstDay = () => asOfDay - intBetween(rng, cfg.minLeadDays, cfg.windowDays);

  // Buckets of product indices per instrument (product order), so candidates are drawn from
  // the instruments the enterprise asks for instead of scanning all 741 products.
  const buckets = new Map<string, number[]>(INSTRUMENTS.map((i) => [i, []]));
  products.forEach((p, i) => buckets.get(p.instrument)!.push(i));
  const stamp = new Int32Array(products.length).fill(-1);

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
    const eligible: number[] = [];
    const weights: number[] = [];
    for (const p of candidates) {
      const t = truth.enterpriseProductAt(e, p);
      if (t > 0) {
        eligible.push(p);
        weights.push(t ** cfg.selectionExponent);
      }
    }
    if (eligible.length === 0) continue;
    const views = intBetween(rng, cfg.views.min, cfg.views.max);
    for (const k of pickWeighted(rng, weights, views)) {
      const p = eligible[k]!;
      const prod = products[p]!;
      const t = truth.enterpriseProductAt(e, p);
      runFunnel(
        rng,
        sink,
        { subjectKind: 'enterprise', subjectId: ent.id, itemKind: 'product', itemId: prod.id },
        t,
        firstDay(),
        cfg,
        () =>
          clampWan(
            Math.min(ent.need.amount, prod.amount.max) * uniform(rng, 0.6, 1),
            prod.amount.min,
            prod.amount.max,
          ),
      );
    }
  }

  const pcfg = PROJECT_INTERACTIONS;
  for (let j = 0; j < projects.length; j++) {
    const pr = projects[j]!;
    const eligible: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < investors.length; i++) {
      const t = truth.projectInvestorAt(j, i);
      if (t > 0) {
        eligible.push(i);
        weights.push(t ** pcfg.selectionExponent);
      }
    }
    const views = intBetween(rng, pcfg.views.min, pcfg.views.max);
    for (const k of pickWeighted(rng, weights, views)) {
      const i = eligible[k]!;
      const inv = investors[i]!;
      runFunnel(
        rng,
        sink,
        { subjectKind: 'project', subjectId: pr.id, itemKind: 'investor', itemId: inv.id },
        truth.projectInvestorAt(j, i),
        firstDay(),
        pcfg,
        () => clampWan(pr.need.amount, inv.ticket.min, inv.ticket.max),
      );
    }
  }

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
