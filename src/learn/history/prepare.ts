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
import { lazyRequire } from '../../util/lazy-require.js';
import type { HistorySubject } from './features.js';
import { forEachFeature, isProject, yearOf } from './features.js';
import {
  collectPairs,
  fitOutcomeModel,
  identityOf,
  type OutcomePair,
  type OutcomeModel,
  type OutcomeModelOptions,
  type TargetInfo,
} from './model.js';

const loadCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

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
 * Fitted models kept across prepare contexts (the most recently used), by a fingerprint of
 * everything a fit reads ({@link fitFingerprint}): matchers built from one history in one
 * process — the service's product matcher per locale beside its enterprise index, a
 * platform's matcher beside its index — fit it once. A fit at seed scale takes seconds and
 * its tables tens of MB; its fingerprint is read in a fraction of a second. Models are held
 * weakly: one no matcher uses any more is left to the garbage collector.
 */
export const SHARED_FITS = 2;
const shared = new Map<string, WeakRef<OutcomeModel> | null>();
/** Fits run and fits taken from {@link shared}, for tests. */
const sharing = { fitted: 0, reused: 0 };

/**
 * How many outcome fits ran and how many were taken from an earlier context's fit. For
 * tests.
 *
 * @internal
 */
export function sharedFitCounts(): { fitted: number; reused: number } {
  return { ...sharing };
}

/**
 * Forgets every kept fit: the next context fits its own. For tests.
 *
 * @internal
 */
export function clearSharedFits(): void {
  shared.clear();
}

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
  const model = fit(ctx, options, key);
  perCtx.set(key, model);
  return model;
}

function fit(
  ctx: PrepareContext<HistorySubject, HistoryTarget>,
  options: LearnedFactorOptions,
  key: string,
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
  const print = fitFingerprint(`${key}\n${market}\n${asOf}`, pairs, subjects, groups, asOf);
  const kept = shared.get(print);
  const keptModel = kept === null ? null : kept?.deref();
  shared.delete(print); // most recently used last
  if (keptModel !== undefined) {
    shared.set(print, kept!);
    sharing.reused++;
    return keptModel;
  }
  const fitted = fitOutcomeModel({ pairs, subjects, targetGroups: groups, asOf }, options);
  const model = fitted.hasHistory ? fitted : null;
  sharing.fitted++;
  shared.set(print, model === null ? null : new WeakRef(model));
  if (shared.size > SHARED_FITS) shared.delete(shared.keys().next().value!);
  return model;
}

/**
 * A fingerprint (sha256) of everything a fit reads: the options, market and date (`head`),
 * the outcome pairs, the features and identity of each pair's subject (the key of each of its
 * features, which fixes the feature's path) and the groups of each pair's target. Two
 * contexts with one fingerprint fit one model. Every value is written as JSON text, numbers
 * with their type, so no two different inputs are written alike.
 */
function fitFingerprint(
  head: string,
  pairs: readonly OutcomePair[],
  subjects: ReadonlyMap<string, HistorySubject>,
  groups: ReadonlyMap<string, readonly string[]>,
  asOf: string,
): string {
  const hash = loadCrypto().createHash('sha256');
  const lines: string[] = [JSON.stringify(head)];
  const flush = () => {
    hash.update(lines.join('\n'));
    hash.update('\n');
    lines.length = 0;
  };
  const subjectIds = new Set<string>();
  const targetIds = new Set<string>();
  for (const p of pairs) {
    lines.push(JSON.stringify([p.subjectId, p.targetId, p.weight, p.date]));
    subjectIds.add(p.subjectId);
    targetIds.add(p.targetId);
    if (lines.length >= FINGERPRINT_LINES) flush();
  }
  const year = yearOf(asOf);
  const keys: string[] = [];
  const visit = (_reader: unknown, slot: number | string, key: number | string) => {
    keys.push(`${typeof slot === 'number' ? 'n' : 's'}${slot}`);
    keys.push(`${typeof key === 'number' ? 'n' : 's'}${key}`);
  };
  for (const id of subjectIds) {
    const subject = subjects.get(id);
    keys.length = 0;
    if (subject) forEachFeature(subject, year, visit);
    lines.push(
      JSON.stringify(['s', id, subject ? identityOf(subject, id) : null, subject ? keys : null]),
    );
    if (lines.length >= FINGERPRINT_LINES) flush();
  }
  for (const id of targetIds) lines.push(JSON.stringify(['t', id, groups.get(id) ?? null]));
  flush();
  return hash.digest('hex');
}

/** Lines hashed at a time by {@link fitFingerprint}. */
const FINGERPRINT_LINES = 4096;

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
