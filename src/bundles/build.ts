import { OptionError, UnknownIdError } from '../errors.js';
import { DEFAULT_LOCALE, formatYuan, pick, type Locale } from '../i18n/locale.js';
import type { ProductBundle, ProductMatch } from '../engine/api.js';
import type { Instrument } from '../model/enums.js';
import type { Enterprise, FinancialProduct } from '../model/types.js';
import {
  BUNDLE_MEMBERS_PER_INSTRUMENT,
  COMBINES_WITH_BONUS,
  COMPLEMENTARY_INSTRUMENTS,
  DEFAULT_BUNDLE_K,
  FUNDING_INSTRUMENTS,
  OVERSHOOT_PENALTY,
} from './defaults.js';
import { collapseEquivalentBundles, type BundleMemberFacts } from './collapse.js';
import { COMPLEMENT_REASONS, INSTRUMENT_LABELS } from './labels.js';
import { bundleReasons } from './reason.js';
import { describeValue } from '../util/describe.js';
import {
  arrayOption,
  booleanOption,
  enumOption,
  integerOption,
  readOptions,
} from '../util/options.js';

/** Context of {@link buildBundles}. */
export interface BuildBundlesContext {
  /** The enterprise; its `need.amount` is what the bundle must cover. */
  enterprise: Enterprise;
  /** Its eligible products, as ranked by the product matcher (any order). */
  matches: readonly ProductMatch[];
  /** Every product by id; each match's product must be there. */
  products: ReadonlyMap<string, FinancialProduct>;
  /** How many bundles. Default {@link DEFAULT_BUNDLE_K}. */
  k?: number;
  /** Language of the summaries. Default `zh`. */
  locale?: Locale;
  /** Members kept per instrument. Default {@link BUNDLE_MEMBERS_PER_INSTRUMENT}. */
  membersPerInstrument?: number;
  /**
   * Collapse equivalent bundles into one entry with `alternatives` (see
   * {@link collapseEquivalentBundles}). Default `true`; `false` lists every bundle, each with
   * `alternatives: {}` — what the collapse started from.
   */
  collapse?: boolean;
}

interface Member {
  match: ProductMatch;
  product: FinancialProduct;
  funding: boolean;
}

/**
 * Complementary product combinations for one enterprise (pairs and triples), used by
 * `ProductMatcher.recommendBundles`.
 *
 * **Candidates.** The best {@link BUNDLE_MEMBERS_PER_INSTRUMENT} eligible products per
 * instrument, plus eligible products named in their `combinesWith`.
 *
 * **Valid bundle.** 2–3 products with different instruments, at least one of which funds
 * ({@link FUNDING_INSTRUMENTS}), and whose parts are linked into one piece by complementarity:
 * an instrument pair of {@link COMPLEMENTARY_INSTRUMENTS} (loan + insurance, loan + guarantee,
 * equity + loan) or a declared `combinesWith` (either direction), e.g. "中试险 + 研发贷".
 *
 * **Coverage.** Funding parts take the need in turn (best match first), each between its
 * product's minimum and maximum amount; a funding part left nothing to cover makes the bundle
 * redundant and it is dropped. `coverage[id]` is the share of the need a part covers (0 for
 * insurance and guarantee, which de-risk rather than fund); `covered` is their sum, ≤ 1.
 * Minimum amounts above what is left are an overshoot.
 *
 * **Score**, in [0, 1]:
 * `covered × (1 − OVERSHOOT_PENALTY·min(1, overshoot/need)) × ((1 − β)·mean(member scores) + β·[declared link])`
 * with β = {@link COMBINES_WITH_BONUS}. Contributions split it by product: each part gets its
 * share of the mean term, and the parts of a declared link share the β term, so they add up to
 * the score.
 *
 * **Order.** Score desc, then the sorted product ids; deterministic and independent of the
 * order of `matches`. Scores, `covered` and contributions are sums taken in a fixed order (of
 * the values), so two bundles made of interchangeable parts get bit-identical numbers.
 *
 * **Collapse.** Unless `collapse: false`, a bundle equal to a better-placed one but for one
 * interchangeable member (same instrument, match score, coverage and contribution) is not
 * listed on its own: that member's `alternatives` name it ({@link collapseEquivalentBundles}).
 * `k` counts the collapsed entries. Each bundle's `reason` says how it differs from the
 * better-placed ones ({@link bundleReasons}).
 *
 * @throws {@link UnknownIdError} when a match names a product not in `products`;
 * `OptionError` for an unknown key, a bad `k`, `locale` or `membersPerInstrument`.
 */
export function buildBundles(ctx: BuildBundlesContext): ProductBundle[] {
  const o = readOptions(ctx, BUILD_BUNDLES_KEYS, 'context');
  const { k, membersPerInstrument: perInstrument } = readBundleOptions({
    k: o.k,
    membersPerInstrument: o.membersPerInstrument,
  });
  const locale = enumOption<Locale>(o.locale, 'locale', ['zh', 'en'], DEFAULT_LOCALE);
  const collapse = booleanOption(o.collapse, 'context.collapse', true);
  const need = needAmount(o.enterprise);
  if (!(o.products instanceof Map))
    throw new OptionError(
      'context.products',
      `context.products must be a Map of products by id, received ${describeValue(o.products)}`,
    );
  const matches = arrayOption(o.matches, 'context.matches', (m, path) => {
    if (m === null || typeof m !== 'object')
      throw new OptionError(path, `${path} must be a product match, received ${describeValue(m)}`);
    return m as ProductMatch;
  });
  const members = candidateMembers(matches, o.products, perInstrument);

  const bundles: ProductBundle[] = [];
  const n = members.length;
  const consider = (parts: Member[]) => {
    const bundle = evaluate(parts, need, locale);
    if (bundle) bundles.push(bundle);
  };
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (members[a]!.product.instrument === members[b]!.product.instrument) continue;
      consider([members[a]!, members[b]!]);
      for (let c = b + 1; c < n; c++) {
        const ic = members[c]!.product.instrument;
        if (ic === members[a]!.product.instrument || ic === members[b]!.product.instrument)
          continue;
        consider([members[a]!, members[b]!, members[c]!]);
      }
    }
  }
  bundles.sort((x, y) => y.score - x.score || compareKeys(bundleKey(x), bundleKey(y)));
  const facts = new Map<string, BundleMemberFacts>(
    members.map((m) => [
      m.product.id,
      { instrument: m.product.instrument, matchScore: m.match.score },
    ]),
  );
  const listed = collapse
    ? collapseEquivalentBundles({ bundles, members: facts })
    : bundles.map((bundle, i) => ({ ...bundle, rank: i + 1 }));
  const top = listed.slice(0, k);
  const byId = new Map(members.map((m) => [m.product.id, m.product]));
  const reasons = bundleReasons({
    bundles: top,
    instruments: new Map(members.map((m) => [m.product.id, m.product.instrument])),
    declared: top.map((b) => hasDeclaredLink(b.productIds.map((id) => byId.get(id)!))),
    locale,
  });
  return top.map((bundle, i) => ({
    ...bundle,
    summary: [...bundle.summary, ...alternativesSummary(bundle, byId, locale)],
    reason: reasons[i]!,
  }));
}

function hasDeclaredLink(parts: readonly FinancialProduct[]): boolean {
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++) if (declaredLink(parts[i]!, parts[j]!)) return true;
  return false;
}

/** A summary line naming each interchangeable member's alternatives (none without). */
function alternativesSummary(
  bundle: ProductBundle,
  byId: ReadonlyMap<string, FinancialProduct>,
  locale: Locale,
): string[] {
  const en = locale === 'en';
  return Object.entries(bundle.alternatives)
    .filter(([, ids]) => ids.length > 0)
    .map(([replaced, ids]) => {
      const names = ids.map((id) => byId.get(id)?.name ?? id).join(en ? ', ' : '、');
      const own = byId.get(replaced)?.name ?? replaced;
      return en
        ? `Interchangeable at the same score: ${own}, or: ${names}`
        : `可互换、得分相同：${own}，或：${names}`;
    });
}

/** The enterprise's need amount, read defensively (a validated enterprise always has one). */
function needAmount(enterprise: unknown): number {
  let amount: unknown;
  try {
    amount = (enterprise as Enterprise).need.amount;
  } catch {
    amount = undefined;
  }
  if (typeof amount !== 'number' || !(amount > 0))
    throw new OptionError(
      'context.enterprise',
      `context.enterprise must be a validated enterprise with need.amount, received ${describeValue(enterprise)}`,
    );
  return amount;
}

const BUILD_BUNDLES_KEYS = [
  'enterprise',
  'matches',
  'products',
  'k',
  'locale',
  'membersPerInstrument',
  'collapse',
] as const;

/** The options of `recommendBundles` and {@link buildBundles}, after validation. */
export interface BundleOptions {
  /** How many bundles: an integer ≥ 0 or `Infinity`. Default {@link DEFAULT_BUNDLE_K}. */
  k: number;
  /** Members kept per instrument: an integer from 1 to 100. Default {@link BUNDLE_MEMBERS_PER_INSTRUMENT}. */
  membersPerInstrument: number;
}

/** Largest `membersPerInstrument`: the triples considered grow with its cube. */
export const MAX_BUNDLE_MEMBERS_PER_INSTRUMENT = 100;

/**
 * Checks bundle options (`recommendBundles`' second argument): only `k` and
 * `membersPerInstrument`, each an integer in range; defaults filled in.
 *
 * @throws `OptionError` on an unknown key (with a did-you-mean) or a bad value.
 */
export function readBundleOptions(options: unknown): BundleOptions {
  const o = readOptions(options, ['k', 'membersPerInstrument']);
  return {
    k: integerOption(o.k, 'k', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      infinity: true,
      default: DEFAULT_BUNDLE_K,
    }),
    membersPerInstrument: integerOption(o.membersPerInstrument, 'membersPerInstrument', {
      min: 1,
      max: MAX_BUNDLE_MEMBERS_PER_INSTRUMENT,
      default: BUNDLE_MEMBERS_PER_INSTRUMENT,
    }),
  };
}

function candidateMembers(
  matches: readonly ProductMatch[],
  products: ReadonlyMap<string, FinancialProduct>,
  perInstrument: number,
): Member[] {
  const ordered = matches
    .slice()
    .sort((a, b) => b.score - a.score || compareKeys(a.productId, b.productId));
  const byId = new Map<string, Member>();
  for (const match of ordered) {
    const product = products.get(match.productId);
    if (!product)
      throw new UnknownIdError(
        match.productId,
        `match names product ${describeValue(match.productId)}, which is not in the catalogue`,
      );
    if (!byId.has(match.productId))
      byId.set(match.productId, {
        match,
        product,
        funding: FUNDING_INSTRUMENTS.includes(product.instrument),
      });
  }
  const kept = new Set<string>();
  const perCount = new Map<Instrument, number>();
  for (const m of byId.values()) {
    const used = perCount.get(m.product.instrument) ?? 0;
    if (used >= perInstrument) continue;
    perCount.set(m.product.instrument, used + 1);
    kept.add(m.product.id);
  }
  for (const id of [...kept]) {
    for (const partner of byId.get(id)!.product.combinesWith)
      if (byId.has(partner)) kept.add(partner);
  }
  // Keep the matcher's order (score desc, id asc) so enumeration is deterministic.
  return [...byId.values()].filter((m) => kept.has(m.product.id));
}

function declaredLink(a: FinancialProduct, b: FinancialProduct): boolean {
  return a.combinesWith.includes(b.id) || b.combinesWith.includes(a.id);
}

function complementary(a: Instrument, b: Instrument): boolean {
  return COMPLEMENTARY_INSTRUMENTS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

function evaluate(parts: Member[], need: number, locale: Locale): ProductBundle | undefined {
  if (!parts.some((p) => p.funding)) return undefined;
  // Complementarity graph must be connected (for 2–3 parts: at most one part may lack a link).
  const n = parts.length;
  const linked = new Array<boolean>(n).fill(false);
  const adjacent = (i: number, j: number) =>
    complementary(parts[i]!.product.instrument, parts[j]!.product.instrument) ||
    declaredLink(parts[i]!.product, parts[j]!.product);
  let edges = 0;
  const degree = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (adjacent(i, j)) {
        edges++;
        degree[i]!++;
        degree[j]!++;
      }
      if (declaredLink(parts[i]!.product, parts[j]!.product)) linked[i] = linked[j] = true;
    }
  }
  if (edges < n - 1 || degree.some((d) => d === 0)) return undefined;

  // Funding parts take the need in turn, best match first (parts are in that order already).
  const coverage: Record<string, number> = {};
  let remaining = need;
  let provided = 0;
  for (const part of parts) {
    if (!part.funding) {
      coverage[part.product.id] = 0;
      continue;
    }
    if (remaining <= 0) return undefined; // redundant funding part
    const amount = Math.min(part.product.amount.max, Math.max(part.product.amount.min, remaining));
    coverage[part.product.id] = Math.min(amount, remaining) / need;
    remaining -= amount;
    provided += amount;
  }
  const covered = Math.min(1, sumInOrder(parts.map((p) => coverage[p.product.id]!)));
  const overshoot = Math.max(0, provided - need);
  const overshootFactor = 1 - OVERSHOOT_PENALTY * Math.min(1, overshoot / need);
  const hasLink = linked.some(Boolean);
  const scale = covered * overshootFactor;
  const contributions: Record<string, number> = {};
  const linkedCount = linked.filter(Boolean).length;
  parts.forEach((part, i) => {
    let c = (scale * (1 - COMBINES_WITH_BONUS) * part.match.score) / n;
    if (linked[i]) c += (scale * COMBINES_WITH_BONUS) / linkedCount;
    contributions[part.product.id] = c;
  });
  const score = sumInOrder(Object.values(contributions));

  const ordered = parts
    .slice()
    .sort(
      (a, b) =>
        coverage[b.product.id]! - coverage[a.product.id]! ||
        b.match.score - a.match.score ||
        compareKeys(a.product.id, b.product.id),
    );
  return {
    productIds: ordered.map((p) => p.product.id),
    score,
    rank: 0,
    coverage,
    covered,
    contributions,
    alternatives: {},
    reason: '',
    summary: summarise(ordered, coverage, covered, need, overshoot, hasLink, locale),
  };
}

function summarise(
  parts: Member[],
  coverage: Record<string, number>,
  covered: number,
  need: number,
  overshoot: number,
  hasLink: boolean,
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const describe = (m: Member) => {
    const instrument = pick(INSTRUMENT_LABELS[m.product.instrument], locale);
    const role = m.funding
      ? en
        ? `covers ${pct(coverage[m.product.id]!)} of the need`
        : `覆盖需求的${pct(coverage[m.product.id]!)}`
      : en
        ? 'credit enhancement / risk cover'
        : '增信/风险保障';
    return en
      ? `${m.product.name} (${instrument}, ${role})`
      : `${m.product.name}（${instrument}，${role}）`;
  };
  const lines = [
    (en ? 'Combination: ' : '组合：') + parts.map(describe).join(' + '),
    en
      ? `Together they cover ${pct(covered)} of the ${formatYuan(need, 'en')} need`
      : `合计覆盖融资需求${formatYuan(need, 'zh')}的${pct(covered)}`,
  ];
  if (hasLink) {
    const pairs: string[] = [];
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++)
        if (declaredLink(parts[i]!.product, parts[j]!.product))
          pairs.push(`${parts[i]!.product.name} + ${parts[j]!.product.name}`);
    lines.push(
      (en ? 'Declared combination by the institutions: ' : '机构声明可组合：') +
        pairs.join(en ? '; ' : '；'),
    );
  }
  const reasons = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const key = [parts[i]!.product.instrument, parts[j]!.product.instrument].sort().join('+');
      const reason = COMPLEMENT_REASONS[key];
      if (reason) reasons.add(pick(reason, locale));
    }
  }
  lines.push(...reasons);
  if (overshoot > 0) {
    lines.push(
      en
        ? `The parts' minimum amounts exceed the need by ${formatYuan(overshoot, 'en')}`
        : `各产品最低额度合计超出需求${formatYuan(overshoot, 'zh')}`,
    );
  }
  return lines;
}

/**
 * Sum of `values` taken in ascending order: it depends only on the values, not on the order
 * of the parts, so bundles of interchangeable parts get bit-identical totals.
 */
function sumInOrder(values: readonly number[]): number {
  let total = 0;
  for (const v of values.slice().sort((a, b) => a - b)) total += v;
  return total;
}

function bundleKey(b: ProductBundle): string {
  return b.productIds.slice().sort(compareKeys).join('\u0000');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
