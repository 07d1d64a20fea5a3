/**
 * `finmatch rank`: the eligible financial products for enterprises, best first, with each
 * factor's contribution to the score (the platform backend's use).
 *
 * @module
 */
import { EXIT_OK } from '../exit-codes.js';
import {
  byLocale,
  factorLabels,
  formatScore,
  matchJson,
  NAME_MAX_WIDTH,
  topContributions,
} from '../matching/format.js';
import { loadInputs, lookupIds, requireFile, resolveAsOf, resolveK } from '../matching/inputs.js';
import { forEachWithProgress, matcherOptions } from '../matching/matchers.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  idOption,
  MATCHING_OPTIONS,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';

/** The `rank` command. */
export const rankCommand: CliCommand = {
  name: 'rank',
  summary: 'rank the eligible financial products for enterprises, with contributions',
  usage:
    'finmatch rank --products FILE --enterprises FILE [--id ID]… [--k N] [--format table|json] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    ...idOption('enterprise to rank products for (default: every enterprise)'),
    ...MATCHING_OPTIONS,
  },
  examples: [
    'finmatch rank --products data/products.jsonl --enterprises data/enterprises.jsonl --id E000001',
    'finmatch rank --products data/products.jsonl --enterprises data/enterprises.jsonl --format json --k 5 > ranked.jsonl',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const k = resolveK(ctx);
    const files = ['products', 'enterprises', ...ENTERPRISE_PRODUCT_REFERENCE] as const;
    const { asOf } = await resolveAsOf(ctx, files);
    const inputs = await loadInputs(ctx, files);
    const enterprises = requireFile(inputs, 'enterprises');
    const ids = ctx.strings('id');
    const subjects =
      ids.length > 0
        ? lookupIds(ctx, enterprises, ids, { zh: '企业', en: 'enterprise' })
        : enterprises.records;

    const { createProductMatcher, enterpriseProductProfile } =
      await import('../../engine/index.js');
    const profile = await loadProfileOption(ctx, enterpriseProductProfile);
    const matcher = createProductMatcher(
      requireFile(inputs, 'products').records,
      matcherOptions(ctx, inputs, asOf, profile),
    );
    const productById = new Map(matcher.products.map((p) => [p.id, p]));
    const label = factorLabels(matcher.profile, ctx.locale);

    await forEachWithProgress(ctx, 'ranking products', subjects, (enterprise) => {
      const matches = matcher.rankProducts(enterprise, { k });
      if (ctx.format === 'json') {
        ctx.printJsonLine({
          enterpriseId: enterprise.id,
          matches: matches.map((m) => matchJson('productId', m.productId, m)),
        });
        return;
      }
      ctx.println(
        byLocale(
          ctx,
          `企业 ${enterprise.id} ${enterprise.name}：${matches.length} 个可申请产品（评估日 ${asOf}）`,
          `Enterprise ${enterprise.id} ${enterprise.name}: ${matches.length} eligible products (as of ${asOf})`,
        ),
      );
      ctx.printTable(
        [
          { header: byLocale(ctx, '排名', 'Rank'), align: 'right' },
          { header: byLocale(ctx, '产品', 'Product') },
          { header: byLocale(ctx, '名称', 'Name'), maxWidth: NAME_MAX_WIDTH },
          { header: byLocale(ctx, '得分', 'Score'), align: 'right' },
          { header: byLocale(ctx, '主要贡献', 'Top contributions') },
        ],
        matches.map((m) => [
          String(m.rank),
          m.productId,
          productById.get(m.productId)?.name ?? '',
          formatScore(m.score),
          topContributions(m.contributions, label),
        ]),
      );
      // Name the factors that abstained (no data, e.g. no interaction history), as the JSON
      // output's `abstained` does: their weight went to the other factors.
      const abstained = [
        ...new Set(
          matches.flatMap((m) =>
            Object.entries(m.factors ?? {})
              .filter(([, v]) => v === null)
              .map(([name]) => name),
          ),
        ),
      ].sort();
      if (abstained.length > 0) {
        const names = abstained
          .map((name) => (label(name) === name ? name : `${label(name)} (${name})`))
          .join(', ');
        ctx.println(
          byLocale(
            ctx,
            `弃权 abstained：${names}——无数据，其权重已按比例分给其他因子`,
            `abstained: ${names} — no data; its weight was redistributed over the other factors`,
          ),
        );
      }
      ctx.println();
    });
    return EXIT_OK;
  },
};
