/**
 * The matching part of `finmatch demo`: what finmatch does on a generated market — products
 * ranked and explained for a few enterprises, prospecting for one product over every
 * enterprise, a chain batch ("一链一策一批"), investors for a project, and a stable and an
 * optimal assignment of projects to investors. Results go to stdout, progress to stderr.
 *
 * @module
 */
import type { Explanation } from '../../engine/types.js';
import type { Market } from '../../generate/types.js';
import { formatYuan, type LocalizedText } from '../../i18n/locale.js';
import type { Enterprise } from '../../model/types.js';
import { SRDI_TIER_NAMES } from '../../taxonomy/ladders.js';
import type { CliContext } from '../types.js';
import { factorLabels, formatScore, NAME_MAX_WIDTH, topContributions } from './format.js';

/** Enterprises whose products are ranked and explained. */
export const SHOWCASE_ENTERPRISES = 3;
/** Products shown per showcased enterprise. */
export const SHOWCASE_PRODUCTS = 5;
/** Fewest eligible products a showcased enterprise has (so its list is worth reading). */
const SHOWCASE_MIN_ELIGIBLE = 3;
/** Enterprises shown when prospecting. */
export const SHOWCASE_PROSPECTS = 10;
/** Products kept per enterprise in the chain batch. */
export const SHOWCASE_BATCH_K = 3;
/** Rows of the chain-batch table (the counts cover every enterprise of the chain). */
const SHOWCASE_BATCH_ROWS = 8;
/** Investors shown for the showcased project. */
export const SHOWCASE_INVESTORS = 5;

/** Turns a text into the output language(s) of the demo. */
export type Translate = (text: LocalizedText) => string;

/** What {@link printMatchingShowcase} reports about its own run, for the closing timing line. */
export interface ShowcaseTimings {
  /** Milliseconds per step, in run order. */
  steps: { label: LocalizedText; ms: number }[];
}

/**
 * Prints sections `first`, `first + 1`, … of the demo: the matching showcase over `market`.
 * Explanations and hints are in `ctx.locale`; headings go through `t`.
 */
export async function printMatchingShowcase(
  ctx: CliContext,
  market: Market,
  t: Translate,
  first: number,
): Promise<ShowcaseTimings> {
  const engine = await import('../../engine/index.js');
  const { assign } = await import('../../assign/index.js');
  const steps: ShowcaseTimings['steps'] = [];
  const timed = <R>(label: LocalizedText, work: () => R): [R, number] => {
    const started = performance.now();
    const result = work();
    const ms = performance.now() - started;
    steps.push({ label, ms });
    return [result, ms];
  };
  const seconds = (ms: number): string => (ms / 1000).toFixed(2);
  const yuan = (amount: number): string =>
    formatYuan(amount, ctx.localeExplicit && ctx.locale === 'en' ? 'en' : 'zh');
  const options = {
    asOf: market.manifest.asOf,
    locale: ctx.locale,
    chains: market.chains,
    zones: market.zones,
    institutions: market.institutions,
  };
  let section = first;
  const heading = (text: LocalizedText): void => {
    ctx.println();
    ctx.println(`${section++}. ${t(text)}`);
  };

  // Ranked products, explained.
  const [matcher] = timed({ zh: '建立产品匹配器', en: 'product matcher' }, () =>
    engine.createProductMatcher(market.products, options),
  );
  const label = factorLabels(matcher.profile, ctx.locale);
  const productById = new Map(matcher.products.map((p) => [p.id, p]));
  heading({
    zh: '为企业推荐金融产品（附解释）',
    en: 'Financial products ranked for enterprises, explained',
  });
  const showcased = pickEnterprises(
    market.enterprises,
    (e) => matcher.rankProducts(e, { k: SHOWCASE_MIN_ELIGIBLE }).length >= SHOWCASE_MIN_ELIGIBLE,
  );
  const [, rankMs] = timed({ zh: '推荐与解释', en: 'ranking + explaining' }, () => {
    for (const enterprise of showcased) {
      const matches = matcher.rankProducts(enterprise, { k: SHOWCASE_PRODUCTS });
      ctx.println();
      ctx.println(
        `${enterprise.id} ${enterprise.name} — ${t(SRDI_TIER_NAMES[enterprise.srdi.tier])}, ${enterprise.region}, ${t({ zh: '需求', en: 'need' })} ${yuan(enterprise.need.amount)}`,
      );
      ctx.printTable(
        [
          { header: t({ zh: '排名', en: 'Rank' }), align: 'right' },
          { header: t({ zh: '产品', en: 'Product' }) },
          { header: t({ zh: '名称', en: 'Name' }), maxWidth: NAME_MAX_WIDTH },
          { header: t({ zh: '得分', en: 'Score' }), align: 'right' },
          { header: t({ zh: '主要贡献', en: 'Top contributions' }) },
        ],
        matches.map((m) => [
          String(m.rank),
          m.productId,
          productById.get(m.productId)?.name ?? '',
          formatScore(m.score),
          topContributions(m.contributions, label),
        ]),
      );
      const miss = nearMiss(matcher.products, (id) => matcher.explain(enterprise, id));
      if (miss) {
        ctx.println(
          `${t({ zh: '不可申请示例', en: 'Not eligible, for example' })}: ${miss.targetId} ${productById.get(miss.targetId)?.name ?? ''}`,
        );
        for (const x of miss.exclusions) ctx.println(`  ✗ ${x.message} → ${x.hint}`);
      }
    }
  });
  ctx.println();
  ctx.println(
    t({
      zh: `${showcased.length} 家企业的推荐与解释用时 ${seconds(rankMs)} 秒（${matcher.products.length} 个产品逐一检验）。`,
      en: `Ranked and explained for ${showcased.length} enterprises in ${seconds(rankMs)} s (all ${matcher.products.length} products checked each).`,
    }),
  );

  // Prospecting over every enterprise.
  heading({
    zh: '银行获客：为一个产品在全部企业中寻找客户',
    en: 'Prospecting: the best enterprises for one product, out of all of them',
  });
  const bar = ctx.progress({ zh: '建立企业索引', en: 'indexing enterprises' }, 1);
  const [index, indexMs] = timed({ zh: '建立企业索引', en: 'enterprise index' }, () =>
    engine.createEnterpriseIndex(market.enterprises, options),
  );
  bar.done();
  const firstTop = showcased[0] ? matcher.rankProducts(showcased[0], { k: 1 })[0] : undefined;
  const product = productById.get(firstTop?.productId ?? '') ?? matcher.products[0]!;
  const [prospects, prospectMs] = timed({ zh: '获客', en: 'prospecting' }, () =>
    index.prospectEnterprises(product, { k: SHOWCASE_PROSPECTS }),
  );
  const enterpriseById = new Map(index.enterprises.map((e) => [e.id, e]));
  ctx.println(`${product.id} ${product.name}`);
  ctx.printTable(
    [
      { header: t({ zh: '排名', en: 'Rank' }), align: 'right' },
      { header: t({ zh: '企业', en: 'Enterprise' }) },
      { header: t({ zh: '名称', en: 'Name' }), maxWidth: NAME_MAX_WIDTH },
      { header: t({ zh: '地区', en: 'Region' }) },
      { header: t({ zh: '得分', en: 'Score' }), align: 'right' },
      { header: t({ zh: '主要贡献', en: 'Top contributions' }) },
    ],
    prospects.map((m) => [
      String(m.rank),
      m.enterpriseId,
      enterpriseById.get(m.enterpriseId)?.name ?? '',
      enterpriseById.get(m.enterpriseId)?.region ?? '',
      formatScore(m.score),
      topContributions(m.contributions, label),
    ]),
  );
  const n = index.enterprises.length.toLocaleString('en-US');
  ctx.println(
    t({
      zh: `在 ${n} 家企业中获客用时 ${seconds(prospectMs)} 秒（建立索引 ${seconds(indexMs)} 秒，一次性）。`,
      en: `Prospected among ${n} enterprises in ${seconds(prospectMs)} s (index built once in ${seconds(indexMs)} s).`,
    }),
  );

  // One chain, one policy, one batch.
  heading({
    zh: '一链一策一批：一条产业链上每家企业的推荐产品',
    en: '"One chain, one policy, one batch": products for every enterprise of a chain',
  });
  const chain = smallestChain(market);
  if (chain) {
    const [batch, batchMs] = timed({ zh: '链上批量推荐', en: 'chain batch' }, () =>
      index.rankBatch({ chainId: chain.id }, market.products, { k: SHOWCASE_BATCH_K }),
    );
    const served = batch.filter((b) => b.matches.length > 0).length;
    const total = batch.reduce((sum, b) => sum + b.matches.length, 0);
    ctx.println(`${chain.id} ${t({ zh: chain.name, en: chain.nameEn ?? chain.name })}`);
    ctx.printTable(
      [
        { header: t({ zh: '企业', en: 'Enterprise' }) },
        { header: t({ zh: '名称', en: 'Name' }), maxWidth: NAME_MAX_WIDTH },
        { header: t({ zh: '首选产品', en: 'Top product' }) },
        { header: t({ zh: '得分', en: 'Score' }), align: 'right' },
        { header: t({ zh: '推荐数', en: 'Shown' }), align: 'right' },
      ],
      batch
        .slice(0, SHOWCASE_BATCH_ROWS)
        .map((b) => [
          b.enterpriseId,
          enterpriseById.get(b.enterpriseId)?.name ?? '',
          b.matches[0]?.productId ?? '—',
          b.matches[0] ? formatScore(b.matches[0].score) : '—',
          String(b.matches.length),
        ]),
    );
    ctx.println(
      t({
        zh: `链上 ${batch.length} 家企业，${served} 家有可申请产品，共推荐 ${total} 条（每家最多 ${SHOWCASE_BATCH_K} 个），用时 ${seconds(batchMs)} 秒。`,
        en: `${batch.length} enterprises on the chain, ${served} with eligible products, ${total} recommendations (up to ${SHOWCASE_BATCH_K} each), in ${seconds(batchMs)} s.`,
      }),
    );
  }

  // Investors for a project.
  heading({ zh: '科技项目与投资机构匹配', en: 'S&T project ↔ investor matching' });
  const [investorMatcher] = timed({ zh: '建立投资机构匹配器', en: 'investor matcher' }, () =>
    engine.createInvestorMatcher(market.investors, options),
  );
  const investorById = new Map(investorMatcher.investors.map((i) => [i.id, i]));
  const investorLabel = factorLabels(investorMatcher.profile, ctx.locale);
  const project = market.projects.find(
    (p) => investorMatcher.rankInvestors(p, { k: 3 }).length >= 3,
  );
  if (project) {
    const matches = investorMatcher.rankInvestors(project, { k: SHOWCASE_INVESTORS });
    ctx.println(
      `${project.id} ${project.name} — TRL ${project.trl}, ${project.round}, ${yuan(project.need.amount)}`,
    );
    ctx.printTable(
      [
        { header: t({ zh: '排名', en: 'Rank' }), align: 'right' },
        { header: t({ zh: '投资机构', en: 'Investor' }) },
        { header: t({ zh: '名称', en: 'Name' }), maxWidth: NAME_MAX_WIDTH },
        { header: t({ zh: '得分', en: 'Score' }), align: 'right' },
        { header: t({ zh: '主要贡献', en: 'Top contributions' }) },
      ],
      matches.map((m) => [
        String(m.rank),
        m.investorId,
        investorById.get(m.investorId)?.name ?? '',
        formatScore(m.score),
        topContributions(m.contributions, investorLabel),
      ]),
    );
  }

  // Stable and optimal assignment.
  heading({
    zh: '撮合活动：项目分配给投资机构（稳定 vs 最优）',
    en: 'Matchmaking event: projects assigned to investors (stable vs optimal)',
  });
  const rows: string[][] = [];
  for (const method of ['stable', 'optimal'] as const) {
    const [result, ms] = timed(
      { zh: method === 'stable' ? '稳定匹配' : '最优匹配', en: `${method} assignment` },
      () => assign(market.projects, market.investors, { method, matcherOptions: options }),
    );
    let used = 0;
    let capacity = 0;
    let investorsUsed = 0;
    for (const c of Object.values(result.capacityUse)) {
      used += c.used;
      capacity += c.capacity;
      if (c.used > 0) investorsUsed++;
    }
    rows.push([
      t({ zh: method === 'stable' ? '稳定' : '最优', en: method }),
      String(result.assignments.length),
      String(result.unassigned.length),
      formatScore(result.totalScore),
      `${used}/${capacity}`,
      `${investorsUsed}/${market.investors.length}`,
      seconds(ms),
    ]);
  }
  ctx.printTable(
    [
      { header: t({ zh: '方法', en: 'Method' }) },
      { header: t({ zh: '已匹配', en: 'Assigned' }), align: 'right' },
      { header: t({ zh: '未匹配', en: 'Unassigned' }), align: 'right' },
      { header: t({ zh: '总分', en: 'Total score' }), align: 'right' },
      { header: t({ zh: '名额使用', en: 'Capacity used' }), align: 'right' },
      { header: t({ zh: '参与机构', en: 'Investors used' }), align: 'right' },
      { header: t({ zh: '秒', en: 's' }), align: 'right' },
    ],
    rows,
  );
  ctx.println(
    t({
      zh: '稳定匹配：没有任何项目与投资机构都更愿意彼此配对；最优匹配：在名额约束下总分最大。',
      en: 'Stable: no project and investor would both rather be together; optimal: the largest total score within the capacities.',
    }),
  );
  return { steps };
}

/**
 * The first enterprises, in market order, of distinct SRDI tiers (highest tiers first) that
 * `accept` — a varied, deterministic sample.
 */
function pickEnterprises(
  enterprises: readonly Enterprise[],
  accept: (e: Enterprise) => boolean,
): Enterprise[] {
  const tiers = ['littleGiant', 'srdi', 'techSme', 'none', 'champion'] as const;
  const picked: Enterprise[] = [];
  for (const tier of tiers) {
    if (picked.length >= SHOWCASE_ENTERPRISES) break;
    const found = enterprises.find((e) => e.srdi.tier === tier && accept(e));
    if (found) picked.push(found);
  }
  return picked;
}

/**
 * An ineligible product for the enterprise, preferring a near miss (a single failed rule, so
 * its hint says exactly what would make the pair eligible).
 */
function nearMiss(
  products: readonly { id: string }[],
  explain: (productId: string) => Explanation,
): Explanation | undefined {
  let fallback: Explanation | undefined;
  for (const p of products) {
    const x = explain(p.id);
    if (x.eligible) continue;
    if (x.exclusions.length === 1) return x;
    fallback ??= x;
  }
  return fallback;
}

/** The chain with the fewest member enterprises (at least one), so the batch stays quick. */
function smallestChain(market: Market): Market['chains'][number] | undefined {
  const members = new Map<string, number>();
  for (const e of market.enterprises)
    for (const c of e.chains) members.set(c.chainId, (members.get(c.chainId) ?? 0) + 1);
  let best: Market['chains'][number] | undefined;
  for (const chain of market.chains) {
    const n = members.get(chain.id) ?? 0;
    if (n === 0) continue;
    if (!best || n < (members.get(best.id) ?? 0)) best = chain;
  }
  return best;
}
