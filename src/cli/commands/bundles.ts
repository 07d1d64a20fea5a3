/**
 * `finmatch bundles`: complementary product combinations ("股贷债保", e.g. "中试险 + 研发贷")
 * that together cover each enterprise's financing need.
 *
 * @module
 */
import type { ProductBundle } from '../../engine/api.js';
import type { Locale } from '../../i18n/locale.js';
import { EXIT_OK } from '../exit-codes.js';
import { byLocale, formatScore } from '../matching/format.js';
import { idLookup, requireFile, selectSubjects, startRanking } from '../matching/inputs.js';
import { matcherOptions, printEachSubject } from '../matching/matchers.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  idOption,
  MATCHING_OPTIONS,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';

/**
 * The products of a bundle joined by ` + `, each interchangeable member followed by its
 * alternatives: `prod-1 + prod-2（或：prod-3、prod-4）` / `prod-1 + prod-2 (or: prod-3, prod-4)`.
 */
function productsCell(bundle: ProductBundle, locale: Locale): string {
  return bundle.productIds
    .map((id) => {
      const alternatives = bundle.alternatives[id];
      if (!alternatives || alternatives.length === 0) return id;
      return locale === 'en'
        ? `${id} (or: ${alternatives.join(', ')})`
        : `${id}（或：${alternatives.join('、')}）`;
    })
    .join(' + ');
}

/** The `bundles` command. */
export const bundlesCommand: CliCommand = {
  name: 'bundles',
  summary: 'recommend complementary product bundles (loan + insurance…) covering each need',
  usage:
    'finmatch bundles --products FILE --enterprises FILE [--id ID]… [--k N] [--format table|json] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    ...idOption('enterprise to recommend bundles for (default: every enterprise)'),
    ...MATCHING_OPTIONS,
  },
  examples: [
    'finmatch bundles --products data/products.jsonl --enterprises data/enterprises.jsonl --id ent-000001 --k 3',
  ],
  async run(ctx) {
    const files = ['products', 'enterprises', ...ENTERPRISE_PRODUCT_REFERENCE] as const;
    const { k, asOf, inputs } = await startRanking(ctx, files, idLookup(ctx, 'enterprises'));
    const subjects = selectSubjects(ctx, requireFile(inputs, 'enterprises'), {
      zh: '企业',
      en: 'enterprise',
    });

    const { createProductMatcher, enterpriseProductProfile } =
      await import('../../engine/index.js');
    const { buildBundles } = await import('../../bundles/index.js');
    const profile = await loadProfileOption(ctx, enterpriseProductProfile);
    const matcher = createProductMatcher(
      requireFile(inputs, 'products').records,
      matcherOptions(ctx, inputs, asOf, profile),
    );
    const productById = new Map(matcher.products.map((p) => [p.id, p]));
    // `buildBundles` over every eligible product is what `ProductMatcher.recommendBundles` is
    // documented to do; the matcher does not delegate to it yet, so the command calls it.
    const recommend = (enterprise: (typeof subjects)[number]): ProductBundle[] =>
      buildBundles({
        enterprise,
        matches: matcher.rankProducts(enterprise, { k: Infinity }),
        products: productById,
        k,
        locale: ctx.locale,
      });

    await printEachSubject(ctx, { zh: '组合产品', en: 'building bundles' }, subjects, recommend, {
      json: (enterprise, bundles) => ({
        enterpriseId: enterprise.id,
        bundles: bundles.map((b) => ({
          productIds: b.productIds,
          rank: b.rank,
          score: b.score,
          coverage: b.coverage,
          covered: b.covered,
          contributions: b.contributions,
          summary: b.summary,
          alternatives: b.alternatives,
          reason: b.reason,
        })),
      }),
      table: (enterprise, bundles) => ({
        title: byLocale(
          ctx,
          `企业 ${enterprise.id} ${enterprise.name}：${bundles.length} 个产品组合（评估日 ${asOf}）`,
          `Enterprise ${enterprise.id} ${enterprise.name}: ${bundles.length} product bundles (as of ${asOf})`,
        ),
        columns: [
          { header: byLocale(ctx, '排名', 'Rank'), align: 'right' },
          { header: byLocale(ctx, '产品组合', 'Products') },
          { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
          { header: byLocale(ctx, '覆盖需求', 'Need covered'), align: 'right' },
          // The reason is one short line written for this cell: shown whole, never cut.
          { header: byLocale(ctx, '说明', 'Why') },
        ],
        rows: bundles.map((b) => [
          String(b.rank),
          productsCell(b, ctx.locale),
          formatScore(b.score),
          `${(b.covered * 100).toFixed(1)}%`,
          b.reason,
        ]),
      }),
    });
    return EXIT_OK;
  },
};
