/**
 * Fitting the outcome model once per matcher: the three learned factors of a profile share one
 * fit (cached per prepare context and options), and read the targets' back-off groups.
 *
 * @module
 */
import { describeValue } from '../../util/describe.js';
import { readOptions } from '../../util/options.js';
import type { MarketKind, PrepareContext } from '../../engine/types.js';
import type { FinancialProduct, Interaction, Investor } from '../../model/types.js';
import { OptionError } from '../../errors.js';
import type { HistorySubject } from './features.js';
import { isProject } from './features.js';
import {
  collectPairs,
  fitOutcomeModel,
  type OutcomeModel,
  type OutcomeModelOptions,
  type TargetInfo,
} from './model.js';

/** A target of either market. */
export type HistoryTarget = FinancialProduct | Investor;

/** Options shared by the learned factors: which market, and the model's fixed settings. */
export interface LearnedFactorOptions extends OutcomeModelOptions {
  /**
   * Which market's interactions to learn from. Default: inferred from the targets (products
   * or investors), else the subjects (enterprises or projects), else the interactions' item
   * kind that is most frequent (`product` on a tie).
   */
  market?: MarketKind;
}

/**
 * Checks the learned factors' options: a typed {@link OptionError} naming the option for an
 * unknown key, a smoothing that is not a finite number > 0, a half-life that is not > 0 (or
 * Infinity), an unknown market, a seed that is not an integer, a non-boolean `unitWeights`.
 */
export function validateLearnedOptions(options: unknown): LearnedFactorOptions {
  const o = {
    ...readOptions(options, ['market', 'smoothing', 'halfLifeDays', 'unitWeights', 'seed']),
  };
  if (o.market !== undefined && o.market !== 'enterpriseProduct' && o.market !== 'projectInvestor')
    throw new OptionError(
      'market',
      `market must be 'enterpriseProduct' or 'projectInvestor', received ${describeValue(o.market)}`,
    );
  if (
    o.smoothing !== undefined &&
    !(typeof o.smoothing === 'number' && Number.isFinite(o.smoothing) && o.smoothing > 0)
  )
    throw new OptionError(
      'smoothing',
      `smoothing must be a finite number > 0, received ${describeValue(o.smoothing)}`,
    );
  if (o.halfLifeDays !== undefined && !(typeof o.halfLifeDays === 'number' && o.halfLifeDays > 0))
    throw new OptionError(
      'halfLifeDays',
      `halfLifeDays must be a number of days > 0 (Infinity = no decay), received ${describeValue(o.halfLifeDays)}`,
    );
  if (o.unitWeights !== undefined && typeof o.unitWeights !== 'boolean')
    throw new OptionError(
      'unitWeights',
      `unitWeights must be a boolean, received ${describeValue(o.unitWeights)}`,
    );
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed))
    throw new OptionError('seed', `seed must be an integer, received ${describeValue(o.seed)}`);
  return o as LearnedFactorOptions;
}

/** The groups a target backs off to, finest first: institution then product type; investor kind. */
export function targetGroups(target: HistoryTarget): string[] {
  const p = target as FinancialProduct;
  if (typeof p.institutionId === 'string') return [`inst:${p.institutionId}`, `type:${p.type}`];
  return [`kind:${(target as Investor).kind}`];
}

/** The model's view of a target. */
export function targetInfo(target: HistoryTarget): TargetInfo {
  return { id: target.id, groups: targetGroups(target) };
}

const ITEM_KIND: Record<MarketKind, Interaction['itemKind']> = {
  enterpriseProduct: 'product',
  projectInvestor: 'investor',
};

/** The market a prepare context is about (see {@link LearnedFactorOptions.market}). */
export function inferMarket(ctx: PrepareContext<HistorySubject, HistoryTarget>): MarketKind {
  const t = ctx.targets[0] ?? ctx.historyTargets?.[0];
  if (t)
    return typeof (t as FinancialProduct).institutionId === 'string'
      ? 'enterpriseProduct'
      : 'projectInvestor';
  const s = ctx.subjects?.[0];
  if (s) return isProject(s) ? 'projectInvestor' : 'enterpriseProduct';
  let products = 0;
  let investors = 0;
  for (const i of ctx.interactions ?? []) {
    if (i.itemKind === 'product') products++;
    else investors++;
  }
  return investors > products ? 'projectInvestor' : 'enterpriseProduct';
}

const cache = new WeakMap<object, Map<string, OutcomeModel | null>>();

/**
 * The outcome model of a prepare context, fitted once and shared by every learned factor
 * prepared on the same context with the same options; `null` when there is no positive
 * history (the factors then abstain).
 */
export function outcomeModelFor(
  ctx: PrepareContext<HistorySubject, HistoryTarget>,
  options: LearnedFactorOptions,
): OutcomeModel | null {
  const key = JSON.stringify([
    options.market ?? null,
    String(options.smoothing ?? 'default'),
    String(options.halfLifeDays ?? 'default'),
    options.unitWeights ?? false,
    options.seed ?? 1,
  ]);
  let perCtx = cache.get(ctx);
  if (!perCtx) cache.set(ctx, (perCtx = new Map()));
  if (perCtx.has(key)) return perCtx.get(key)!;
  const model = fit(ctx, options);
  perCtx.set(key, model);
  return model;
}

function fit(
  ctx: PrepareContext<HistorySubject, HistoryTarget>,
  options: LearnedFactorOptions,
): OutcomeModel | null {
  const interactions = ctx.interactions ?? [];
  if (interactions.length === 0) return null;
  const market = options.market ?? inferMarket(ctx);
  const itemKind = ITEM_KIND[market];
  const asOf =
    ctx.asOf ??
    interactions.reduce((latest, i) => (i.date > latest ? i.date : latest), '0000-01-01');
  const pairs = collectPairs(interactions, itemKind, asOf);
  if (!pairs.some((p) => p.weight > 0)) return null;
  const subjects = new Map<string, HistorySubject>();
  for (const s of ctx.subjects ?? []) subjects.set(s.id, s);
  const groups = new Map<string, readonly string[]>();
  for (const t of ctx.historyTargets ?? []) groups.set(t.id, targetGroups(t));
  for (const t of ctx.targets) groups.set(t.id, targetGroups(t));
  const model = fitOutcomeModel({ pairs, subjects, targetGroups: groups, asOf }, options);
  return model.hasHistory ? model : null;
}

/**
 * True when the context has at least one positive outcome of its market dated on or before
 * `asOf`: what makes a {@link softWithHistory} rule soft.
 */
export function hasOutcomeHistory(
  ctx: PrepareContext<HistorySubject, HistoryTarget>,
  market?: MarketKind,
): boolean {
  const interactions = ctx.interactions ?? [];
  if (interactions.length === 0) return false;
  const itemKind = ITEM_KIND[market ?? inferMarket(ctx)];
  const asOf = ctx.asOf ?? '9999-12-31';
  return collectPairs(interactions, itemKind, asOf).some((p) => p.weight > 0);
}
