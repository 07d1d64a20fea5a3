/**
 * `finmatch demo`: generates the seed-scale market in memory (the platform's published size),
 * validates it and prints a bilingual summary against the published figures, then shows what
 * finmatch does on it (see `../matching/demo-showcase.ts`): products ranked and explained,
 * prospecting, a chain batch, project–investor matching and assignment.
 *
 * @module
 */
import type { Market } from '../../generate/types.js';
import type { LoadError } from '../../io/load.js';
import { formatYuan, type LocalizedText } from '../../i18n/locale.js';
import type { RecordKind } from '../../model/enums.js';
import { duplicateIdIssue } from '../../model/parse.js';
import { getSector } from '../../taxonomy/sectors.js';
import { SRDI_TIER_NAMES } from '../../taxonomy/ladders.js';
import { LOCALE_OPTION } from '../common-options.js';
import { EXIT_INVALID_DATA, EXIT_OK } from '../exit-codes.js';
import { sectorSectionMix, srdiTierShares, summarizeAmounts } from '../market-summary.js';
import { PLATFORM_AVERAGE_FINANCING_YUAN, PLATFORM_FIGURES } from '../platform-figures.js';
import type { ProgressReporter } from '../progress.js';
import type { CliCommand, CliContext } from '../types.js';

/** Sections shown individually in the sector mix; the rest are summed. */
const SECTOR_MIX_TOP = 8;
/**
 * Records validated per market part unless `--full` is given. Validating all 700,000 records of
 * the seed market takes about 30 s on two cores (zod, ~45 µs a record), which alone would use
 * the demo's time budget; an evenly spaced sample of this size takes about 1 s a part and still
 * exercises every generator path. Ids are checked for uniqueness over every record regardless.
 */
const DEMO_VALIDATION_SAMPLE = 20_000;
/** Bad records printed at most per part when validation fails. */
const MAX_ERRORS_SHOWN = 10;

/** Record kind of each market part, in validation order. */
const PARTS: readonly (readonly [
  (
    | 'enterprises'
    | 'institutions'
    | 'products'
    | 'projects'
    | 'investors'
    | 'interactions'
    | 'chains'
    | 'zones'
  ),
  RecordKind,
  LocalizedText,
])[] = [
  ['enterprises', 'enterprise', { zh: '企业', en: 'enterprises' }],
  ['institutions', 'institution', { zh: '金融机构', en: 'institutions' }],
  ['products', 'product', { zh: '金融产品', en: 'products' }],
  ['projects', 'project', { zh: '科技项目', en: 'S&T projects' }],
  ['investors', 'investor', { zh: '投资机构', en: 'investors' }],
  ['interactions', 'interaction', { zh: '交互记录', en: 'interactions' }],
  ['chains', 'chain', { zh: '产业链', en: 'industrial chains' }],
  ['zones', 'zone', { zh: '特色专区', en: 'special zones' }],
];

/** The `demo` command. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary:
    'generate the platform-sized market in memory, summarise it and show matching on it (zh + en)',
  usage: 'finmatch demo [--seed N] [--locale zh|en] [--full] [--summary-only]',
  options: {
    seed: {
      type: 'string',
      valueName: 'N',
      default: '1',
      description: 'seed of the generated market',
    },
    full: {
      type: 'boolean',
      description: `validate every record (slower) instead of ${DEMO_VALIDATION_SAMPLE.toLocaleString('en-US')} evenly spaced records per part`,
    },
    'summary-only': {
      type: 'boolean',
      description: 'print the market summary only, without the matching showcase',
    },
    ...LOCALE_OPTION,
  },
  examples: ['finmatch demo', 'finmatch demo --locale en', 'finmatch demo --summary-only'],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const seedText = ctx.string('seed') ?? '1';
    if (!/^\d+$/.test(seedText) || Number(seedText) > 0xffff_ffff) {
      ctx.usageError(
        ctx.t(
          `--seed 须为 0 到 4294967295 之间的整数，收到 ${JSON.stringify(seedText)}`,
          `--seed must be an integer from 0 to 4294967295, got ${JSON.stringify(seedText)}`,
        ),
      );
    }
    const t = (text: LocalizedText): string =>
      ctx.localeExplicit ? (ctx.locale === 'en' ? text.en : text.zh) : `${text.zh} ${text.en}`;
    // Bilingual tables use the officers' 万/亿 units (explained under the table) to stay narrow.
    const yuan = (amount: number): string =>
      ctx.localeExplicit && ctx.locale === 'en' ? compactYuan(amount) : formatYuan(amount, 'zh');

    const started = performance.now();
    const { generateMarket } = await import('../../generate/index.js');
    const { validateParsedRecords } = await import('../../io/load.js');
    // The generator reports cumulative progress over its phases: one bar for the whole run.
    let bar: ProgressReporter | undefined;
    const market: Market = generateMarket({
      seed: Number(seedText),
      scale: 'seed',
      onProgress: (done: number, total: number) => {
        bar ??= ctx.progress({ zh: '生成市场数据', en: 'generating market' }, total);
        bar.update(done);
      },
    });
    bar?.done();
    const generatedMs = performance.now() - started;

    const invalid: { part: string; errors: LoadError[] }[] = [];
    let checked = 0;
    let total = 0;
    const full = ctx.flag('full');
    for (const [part, kind] of PARTS) {
      const all: readonly unknown[] = market[part];
      total += all.length;
      // Evenly spaced sample; `lines` keep the record's position (its line in the part's JSONL file).
      const stride = full ? 1 : Math.max(1, Math.ceil(all.length / DEMO_VALIDATION_SAMPLE));
      const rows: unknown[] = [];
      const lines: number[] = [];
      for (let i = 0; i < all.length; i += stride) {
        rows.push(all[i]);
        lines.push(i + 1);
      }
      checked += rows.length;
      const progress = ctx.progress({ zh: `校验 ${part}`, en: `validating ${part}` }, rows.length);
      const result = validateParsedRecords(
        kind,
        { rows, lines, parseErrors: [] },
        {
          locale: ctx.locale,
          onProgress: (done) => progress.update(done),
        },
      );
      progress.done();
      // The whole part's repeated ids, but for lines the sample's validation already reported.
      const reported = new Set(result.errors.map((e) => e.line));
      const repeats = stride > 1 ? duplicateIds(all, ctx.locale) : [];
      const errors = [...result.errors, ...repeats.filter((e) => !reported.has(e.line))];
      if (errors.length > 0) invalid.push({ part, errors: errors.sort((a, b) => a.line - b.line) });
    }
    const validatedMs = performance.now() - started - generatedMs;

    printHeading(
      ctx,
      t({
        zh: 'finmatch 演示：按平台公布规模生成的市场',
        en: 'finmatch demo: a market generated at the platform’s published size',
      }),
    );
    ctx.println(
      t({
        zh: `种子 ${seedText}，评估日期 ${market.manifest.asOf}；生成 ${(generatedMs / 1000).toFixed(1)} 秒，校验 ${(validatedMs / 1000).toFixed(1)} 秒。`,
        en: `seed ${seedText}, as of ${market.manifest.asOf}; generated in ${(generatedMs / 1000).toFixed(1)} s, validated in ${(validatedMs / 1000).toFixed(1)} s.`,
      }),
    );

    printHeading(
      ctx,
      t({
        zh: '1. 规模与平台公布数据对比',
        en: '1. Size against the platform’s published figures',
      }),
    );
    ctx.printTable(
      [
        { header: t({ zh: '对象', en: 'Entity' }) },
        { header: t({ zh: '生成', en: 'Generated' }), align: 'right' },
        { header: t({ zh: '公布', en: 'Published' }), align: 'right' },
      ],
      PARTS.map(([part, , label]) => {
        const figure = PLATFORM_FIGURES.find((f) => f.part === part);
        const published = figure
          ? `${figure.atLeast ? '>' : ''}${figure.value.toLocaleString('en-US')}`
          : '—';
        return [t(label), market[part].length.toLocaleString('en-US'), published];
      }),
    );
    ctx.println(
      t({
        zh: '来源：国新办发布会，2025-01-03（工信部 陶青）。',
        en: 'Source: SCIO press conference, 2025-01-03 (MIIT, Tao Qing).',
      }),
    );

    printHeading(ctx, t({ zh: '2. 数据校验', en: '2. Validation' }));
    const n = (x: number): string => x.toLocaleString('en-US');
    ctx.println(
      checked === total
        ? t({ zh: `已校验全部 ${n(total)} 条记录。`, en: `Validated all ${n(total)} records.` })
        : t({
            zh: `已校验 ${n(checked)} / ${n(total)} 条记录（每类最多 ${n(DEMO_VALIDATION_SAMPLE)} 条，均匀抽取；id 唯一性检查全部记录；--full 校验全部）。`,
            en: `Validated ${n(checked)} of ${n(total)} records (up to ${n(DEMO_VALIDATION_SAMPLE)} evenly spaced per part; ids checked for uniqueness over all; --full validates all).`,
          }),
    );
    if (invalid.length === 0) {
      ctx.println(t({ zh: '未发现无效记录。', en: 'No invalid records found.' }));
    } else {
      for (const { part, errors } of invalid) {
        ctx.println(
          t({ zh: `${part}：${errors.length} 条无效`, en: `${part}: ${errors.length} invalid` }),
        );
        for (const error of errors.slice(0, MAX_ERRORS_SHOWN)) {
          for (const issue of error.issues)
            ctx.println(
              `  #${error.line} ${error.id ?? '—'} ${issue.path || '—'}: ${issue.message}`,
            );
        }
      }
    }

    printHeading(
      ctx,
      t({
        zh: '3. 行业结构（GB/T 4754-2017 门类）',
        en: '3. Sector mix (GB/T 4754-2017 sections)',
      }),
    );
    ctx.printTable(
      [
        { header: t({ zh: '门类', en: 'Section' }), maxWidth: 60 },
        { header: t({ zh: '企业数', en: 'Enterprises' }), align: 'right' },
        { header: t({ zh: '占比', en: 'Share' }), align: 'right' },
      ],
      sectorSectionMix(market.enterprises, SECTOR_MIX_TOP).map((s) => {
        const node = s.key === 'other' ? undefined : getSector(s.key);
        const name = node
          ? `${s.key} ${t({ zh: node.nameZh, en: node.nameEn })}`
          : t({ zh: '其他', en: 'other' });
        return [name, s.count.toLocaleString('en-US'), percent(s.share)];
      }),
    );

    printHeading(ctx, t({ zh: '4. 专精特新梯度', en: '4. SRDI tiers' }));
    ctx.printTable(
      [
        { header: t({ zh: '梯度', en: 'Tier' }) },
        { header: t({ zh: '企业数', en: 'Enterprises' }), align: 'right' },
        { header: t({ zh: '占比', en: 'Share' }), align: 'right' },
      ],
      srdiTierShares(market.enterprises).map((s) => [
        t(SRDI_TIER_NAMES[s.key]),
        s.count.toLocaleString('en-US'),
        percent(s.share),
      ]),
    );

    printHeading(ctx, t({ zh: '5. 金额', en: '5. Amounts' }));
    const needs = summarizeAmounts(market.enterprises.map((e) => e.need.amount));
    const projectNeeds = summarizeAmounts(market.projects.map((p) => p.need.amount));
    const productCeilings = summarizeAmounts(market.products.map((p) => p.amount.max));
    const tickets = summarizeAmounts(market.investors.map((i) => i.ticket.max));
    ctx.printTable(
      [
        { header: t({ zh: '金额', en: 'Amount' }) },
        { header: 'P10', align: 'right' },
        { header: t({ zh: '中位数', en: 'Median' }), align: 'right' },
        { header: 'P90', align: 'right' },
        { header: t({ zh: '均值', en: 'Mean' }), align: 'right' },
      ],
      [
        [t({ zh: '企业融资需求', en: 'enterprise financing need' }), needs],
        [t({ zh: '项目融资需求', en: 'project funding need' }), projectNeeds],
        [t({ zh: '产品额度上限', en: 'product amount ceiling' }), productCeilings],
        [t({ zh: '投资机构单笔上限', en: 'investor ticket ceiling' }), tickets],
      ].map(([label, s]) => {
        const summary = s as ReturnType<typeof summarizeAmounts>;
        return [
          label as string,
          yuan(summary.p10),
          yuan(summary.median),
          yuan(summary.p90),
          yuan(summary.mean),
        ];
      }),
    );
    ctx.println(
      t({
        zh: `企业融资需求合计 ${formatYuan(needs.total, 'zh')}；平台公布的受益企业平均融资约 ${formatYuan(PLATFORM_AVERAGE_FINANCING_YUAN, 'zh')}（2025 年上半年）。`,
        en: `Total enterprise need ${compactYuan(needs.total)}; the platform reports about ${compactYuan(PLATFORM_AVERAGE_FINANCING_YUAN)} financing per beneficiary firm (H1 2025).`,
      }),
    );
    if (!ctx.localeExplicit) ctx.println('万元 = 10⁴ yuan, 亿元 = 10⁸ yuan.');

    if (!ctx.flag('summary-only')) {
      const { printMatchingShowcase } = await import('../matching/demo-showcase.js');
      const showcase = await printMatchingShowcase(ctx, market, t, 6);
      const totalMs = performance.now() - started;
      const steps = (locale: 'zh' | 'en'): string =>
        showcase.steps
          .map((s) => `${s.label[locale]} ${(s.ms / 1000).toFixed(1)}`)
          .join(locale === 'zh' ? '，' : ', ');
      ctx.println();
      ctx.println(
        t({
          zh: `总用时 ${(totalMs / 1000).toFixed(1)} 秒：生成 ${(generatedMs / 1000).toFixed(1)}，校验 ${(validatedMs / 1000).toFixed(1)}，${steps('zh')}（秒）。`,
          en: `Total ${(totalMs / 1000).toFixed(1)} s: generated ${(generatedMs / 1000).toFixed(1)}, validated ${(validatedMs / 1000).toFixed(1)}, ${steps('en')} (s).`,
        }),
      );
    }
    return invalid.length > 0 ? EXIT_INVALID_DATA : EXIT_OK;
  },
};

/** Repeated ids over every record of a part (the sampled validation cannot see them all). */
function duplicateIds(records: readonly unknown[], locale: 'zh' | 'en'): LoadError[] {
  const first = new Map<string, number>();
  const errors: LoadError[] = [];
  records.forEach((record, i) => {
    const id = (record as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i + 1);
    else
      errors.push({
        line: i + 1,
        id,
        issues: [duplicateIdIssue(id, seen, true, locale)],
      });
  });
  return errors;
}

function printHeading(ctx: CliContext, text: string): void {
  ctx.println();
  ctx.println(text);
}

/** `34.0 million yuan`, `1.17 trillion yuan`: English amounts readers can take in at a glance. */
function compactYuan(amount: number): string {
  const abs = Math.abs(amount);
  if (abs >= 1e12) return `${(amount / 1e12).toFixed(2)} trillion yuan`;
  if (abs >= 1e9) return `${(amount / 1e9).toFixed(2)} billion yuan`;
  if (abs >= 1e6) return `${(amount / 1e6).toFixed(1)} million yuan`;
  return formatYuan(amount, 'en');
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
