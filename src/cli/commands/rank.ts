/**
 * `finmatch rank`: the eligible financial products for enterprises, best first, with each
 * factor's contribution to the score (the platform backend's use).
 *
 * @module
 */
import type { ProductMatch } from '../../engine/api.js';
import type { Enterprise } from '../../model/types.js';
import { RANKING_FORMAT_OPTIONS } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import {
  byLocale,
  eligibleCount,
  factorLabels,
  matchesJson,
  matchTable,
  nearMissJson,
  nearMissLines,
  ruleLabels,
  type NearMissNoun,
} from '../matching/format.js';
import { idLookup, requireFile, selectSubjects, startRanking } from '../matching/inputs.js';
import { matcherOptions, printEachSubject } from '../matching/matchers.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  idOption,
  MATCHING_OPTIONS,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand, CliContext } from '../types.js';

/** How near-miss lines name products. */
const PRODUCTS: NearMissNoun = { zh: '产品', measure: '个', en: 'products', enOne: 'product' };

/** The `rank` command. */
export const rankCommand: CliCommand = {
  name: 'rank',
  summary: 'rank the eligible financial products for enterprises, with contributions',
  usage:
    'finmatch rank --products FILE --enterprises FILE [--id ID]… [--k N] [--format table|json|trec] [--run-tag TAG] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    ...idOption('enterprise to rank products for (default: every enterprise)'),
    ...MATCHING_OPTIONS,
    ...RANKING_FORMAT_OPTIONS,
  },
  examples: [
    'finmatch rank --products data/products.jsonl --enterprises data/enterprises.jsonl --id ent-000001',
    'finmatch rank --products data/products.jsonl --enterprises data/enterprises.jsonl --format json --k 5 > ranked.jsonl',
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
    const profile = await loadProfileOption(ctx, enterpriseProductProfile);
    const matcher = createProductMatcher(
      requireFile(inputs, 'products').records,
      matcherOptions(ctx, inputs, asOf, profile),
    );
    const productById = new Map(matcher.products.map((p) => [p.id, p]));
    const label = factorLabels(matcher.profile, ctx.locale);
    const totals = new Map<string, number>();
    const count = (id: string, shown: number) =>
      eligibleCount(ctx, shown, totals.get(id) ?? shown, {
        zh: '可申请产品',
        measure: '个',
        en: 'eligible products',
      });
    // An enterprise with no eligible product gets its nearest misses and what would unlock some.
    const ruleLabel = ruleLabels(matcher.profile, ctx.locale);
    const nearMisses = (enterprise: Enterprise) =>
      totals.get(enterprise.id) === 0 ? matcher.nearMisses(enterprise) : undefined;

    const nearMissFooter = (enterprise: Enterprise) => {
      const report = nearMisses(enterprise);
      return report ? nearMissLines(ctx, report, PRODUCTS, productById, ruleLabel) : [];
    };

    await printEachSubject(
      ctx,
      { zh: '排序产品', en: 'ranking products' },
      subjects,
      (enterprise) => {
        // The title counts every eligible product, not just the k shown.
        totals.set(enterprise.id, matcher.rankProducts(enterprise, { k: Infinity }).length);
        return matcher.rankProducts(enterprise, { k });
      },
      {
        trec: (enterprise, matches) => ({
          qid: enterprise.id,
          results: matches.map((m) => ({ docid: m.productId, rank: m.rank, score: m.score })),
        }),
        json: (enterprise, matches) => {
          const report = nearMisses(enterprise);
          return {
            enterpriseId: enterprise.id,
            matches: matchesJson('productId', matches),
            ...(report ? { nearMisses: nearMissJson(report, 'productId') } : {}),
          };
        },
        table: (enterprise, matches) => ({
          title: byLocale(
            ctx,
            `企业 ${enterprise.id} ${enterprise.name}：${count(enterprise.id, matches.length)}（评估日 ${asOf}）`,
            `Enterprise ${enterprise.id} ${enterprise.name}: ${count(enterprise.id, matches.length)} (as of ${asOf})`,
          ),
          ...matchTable(ctx, matches, label, {
            idField: 'productId',
            header: { zh: '产品', en: 'Product' },
            byId: productById,
          }),
          footer: [...abstainedNote(ctx, matches, label), ...nearMissFooter(enterprise)],
        }),
      },
    );
    return EXIT_OK;
  },
};

/**
 * Names the factors that abstained (no data, e.g. no interaction history), as the JSON
 * output's `abstained` does: their weight went to the other factors. No line when none did.
 */
function abstainedNote(
  ctx: CliContext,
  matches: readonly ProductMatch[],
  label: (name: string) => string,
): string[] {
  const abstained = [
    ...new Set(
      matches.flatMap((m) =>
        Object.entries(m.factors ?? {})
          .filter(([, v]) => v === null)
          .map(([name]) => name),
      ),
    ),
  ].sort();
  if (abstained.length === 0) return [];
  const names = abstained
    .map((name) => (label(name) === name ? name : `${label(name)} (${name})`))
    .join(', ');
  return [
    byLocale(
      ctx,
      `弃权因子：${names}——无数据，其权重已按比例分给其他因子`,
      `abstained: ${names} — no data; ${abstained.length === 1 ? 'its weight was' : 'their weights were'} redistributed over the other factors`,
    ),
  ];
}
