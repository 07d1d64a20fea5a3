/**
 * `finmatch prospect`: the best eligible enterprises for a financial product, optionally
 * restricted to a chain, a zone or a region (a bank's use).
 *
 * @module
 */
import type { ProspectFilter } from '../../engine/api.js';
import { RANKING_FORMAT_OPTIONS } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { byLocale, factorLabels, matchesJson, matchTable } from '../matching/format.js';
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

/** The `prospect` command. */
export const prospectCommand: CliCommand = {
  name: 'prospect',
  summary: 'find the best eligible enterprises for a financial product (by chain, zone, region)',
  usage:
    'finmatch prospect --products FILE --enterprises FILE [--id PRODUCT]… [--chain ID]… [--zone ID]… [--region PREFIX]… [--k N] [--offset N] [--format table|json|trec] [--run-tag TAG] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    ...idOption('product to prospect for (default: every product)'),
    chain: {
      type: 'string',
      valueName: 'ID',
      multiple: true,
      description: 'only enterprises on this industrial chain (any of them when repeated)',
    },
    zone: {
      type: 'string',
      valueName: 'ID',
      multiple: true,
      description: 'only enterprises in this special zone (any of them when repeated)',
    },
    region: {
      type: 'string',
      valueName: 'PREFIX',
      multiple: true,
      description: 'only enterprises whose GB/T 2260 region code starts with PREFIX (32, 3205…)',
    },
    offset: {
      type: 'string',
      valueName: 'N',
      default: '0',
      description:
        'skip the first N enterprises of the ranking and show the next --k (pagination; ranks stay positions in the full ranking)',
    },
    ...MATCHING_OPTIONS,
    ...RANKING_FORMAT_OPTIONS,
  },
  examples: [
    'finmatch prospect --products data/products.jsonl --enterprises data/enterprises.jsonl --id prod-0181 --k 20',
    'finmatch prospect --products data/products.jsonl --enterprises data/enterprises.jsonl --id prod-0181 --region 32 --chain chain-01',
  ],
  async run(ctx) {
    const files = ['products', 'enterprises', ...ENTERPRISE_PRODUCT_REFERENCE] as const;
    // --id names products: the products file is read for them only (the enterprises whole).
    const { k, asOf, inputs } = await startRanking(ctx, files, idLookup(ctx, 'products'), {
      // Prospecting ranks one product at a time: no product's combinations are looked up.
      catalogue: false,
    });
    const targets = selectSubjects(ctx, requireFile(inputs, 'products'), {
      zh: '产品',
      en: 'product',
    });
    const filter = prospectFilter(ctx, inputs.chains?.records, inputs.zones?.records);
    const offset = resolveOffset(ctx);

    const { createEnterpriseIndex, enterpriseProductProfile } =
      await import('../../engine/index.js');
    const profile = await loadProfileOption(ctx, enterpriseProductProfile);
    const index = createEnterpriseIndex(
      requireFile(inputs, 'enterprises').records,
      matcherOptions(ctx, inputs, asOf, profile),
    );
    const enterpriseById = new Map(index.enterprises.map((e) => [e.id, e]));
    const label = factorLabels(index.profile, ctx.locale);

    await printEachSubject(
      ctx,
      { zh: '挖掘企业', en: 'prospecting' },
      targets,
      (product) => index.prospectEnterprises(product, { k, offset, filter }),
      {
        trec: (product, matches) => ({
          qid: product.id,
          results: matches.map((m) => ({ docid: m.enterpriseId, rank: m.rank, score: m.score })),
        }),
        json: (product, matches) => ({
          productId: product.id,
          matches: matchesJson('enterpriseId', matches),
        }),
        table: (product, matches) => ({
          title: byLocale(
            ctx,
            `产品 ${product.id} ${product.name}：前 ${matches.length} 家符合条件的企业（评估日 ${asOf}）`,
            `Product ${product.id} ${product.name}: top ${matches.length} eligible enterprises (as of ${asOf})`,
          ),
          ...matchTable(ctx, matches, label, {
            idField: 'enterpriseId',
            header: { zh: '企业', en: 'Enterprise' },
            byId: enterpriseById,
            extra: [
              {
                column: { header: byLocale(ctx, '地区', 'Region') },
                cell: (enterprise) => enterprise?.region ?? '',
              },
            ],
          }),
        }),
      },
    );
    return EXIT_OK;
  },
};

/**
 * The prospect filter from `--chain`, `--zone`, `--region`. Chain and zone ids are checked
 * against the `--chains`/`--zones` files when given (unknown id: exit 2).
 */
function prospectFilter(
  ctx: CliContext,
  chains: readonly { id: string }[] | undefined,
  zones: readonly { id: string }[] | undefined,
): ProspectFilter {
  const check = (option: string, ids: string[], known: readonly { id: string }[] | undefined) => {
    if (!known) return;
    const set = new Set(known.map((r) => r.id));
    for (const id of ids) {
      if (!set.has(id))
        ctx.usageError(
          byLocale(
            ctx,
            `未知的 --${option} id ${JSON.stringify(id)}（--${option}s 文件中没有）`,
            `unknown --${option} id ${JSON.stringify(id)}: not in the --${option}s file`,
          ),
        );
    }
  };
  const chainIds = ctx.strings('chain');
  const zoneIds = ctx.strings('zone');
  const regions = ctx.strings('region');
  check('chain', chainIds, chains);
  check('zone', zoneIds, zones);
  for (const prefix of regions) {
    if (!/^\d{2}(\d{2}){0,2}$/.test(prefix))
      ctx.usageError(
        byLocale(
          ctx,
          `--region 须为 2、4 或 6 位的 GB/T 2260 行政区划前缀，收到 ${JSON.stringify(prefix)}`,
          `--region must be a GB/T 2260 prefix of 2, 4 or 6 digits, got ${JSON.stringify(prefix)}`,
        ),
      );
  }
  return {
    ...(chainIds.length > 0 ? { chains: chainIds } : {}),
    ...(zoneIds.length > 0 ? { zones: zoneIds } : {}),
    ...(regions.length > 0 ? { regions } : {}),
  };
}

/** `--offset` as an integer ≥ 0 (exit 2 otherwise; the library checks the upper bound). */
function resolveOffset(ctx: CliContext): number {
  const raw = ctx.string('offset') ?? '0';
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    ctx.usageError(
      byLocale(
        ctx,
        `--offset 须为不小于 0 的整数，收到 ${JSON.stringify(raw)}`,
        `--offset must be an integer ≥ 0, got ${JSON.stringify(raw)}`,
      ),
    );
  return Number(raw);
}
