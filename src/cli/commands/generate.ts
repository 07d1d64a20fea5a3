/**
 * `finmatch generate --out DIR`: generates a synthetic market and writes it as JSON Lines
 * files plus `manifest.json`, and its hidden truth as two more JSON Lines files (see
 * {@link TRUTH_FILES}): `truth-enterprise-product.jsonl`, one line per enterprise
 * `{"enterpriseId":…,"fits":{productId: fit,…}}`, and `truth-project-investor.jsonl`, one line
 * per project `{"projectId":…,"fits":{investorId: fit,…}}` — the true fit in (0, 1] of every
 * eligible pair, ids in order; a pair not listed has fit 0. `--no-truth` skips them.
 *
 * @module
 */
import { DEFAULT_AS_OF } from '../../generate/calibration.js';
import type { TRUTH_FILES } from '../../generate/truth-file.js';
import type { GenerateOptions, Market } from '../../generate/types.js';
import { FORMAT_OPTION } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import type { ProgressReporter } from '../progress.js';
import type { CliCommand, CliContext } from '../types.js';

/** Largest accepted `--seed` (seeds are 32-bit unsigned integers). */
const MAX_SEED = 0xffff_ffff;

/** The `generate` command. */
export const generateCommand: CliCommand = {
  name: 'generate',
  summary:
    'generate a synthetic market (enterprises, products, projects, investors…) as JSONL files',
  usage:
    'finmatch generate --out DIR [--seed N] [--scale seed|small] [--as-of YYYY-MM-DD] [--no-truth]',
  options: {
    out: {
      type: 'string',
      writes: true,
      short: 'o',
      valueName: 'DIR',
      required: true,
      description: 'directory to write the files to (created if missing)',
    },
    seed: {
      type: 'string',
      valueName: 'N',
      default: '1',
      description: 'seed of every random choice (integer 0–4294967295)',
    },
    scale: {
      type: 'string',
      valueName: 'SCALE',
      choices: ['seed', 'small'],
      default: 'small',
      description:
        "size: 'seed' matches the platform's published figures (345,800 enterprises), 'small' is about 1%",
    },
    'as-of': {
      type: 'date',
      valueName: 'DATE',
      description: `evaluation date the market is generated for (default ${DEFAULT_AS_OF})`,
    },
    'no-truth': {
      type: 'boolean',
      description:
        'do not write the hidden truth: truth-enterprise-product.jsonl ({"enterpriseId","fits":{productId: fit}} per enterprise) and truth-project-investor.jsonl ({"projectId","fits":{investorId: fit}} per project), true fit in (0, 1] of each eligible pair, absent = 0',
    },
    ...FORMAT_OPTION,
  },
  examples: [
    'finmatch generate --out data/small',
    'finmatch generate --out data/seed --scale seed --seed 7',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const out = ctx.string('out')!;
    const seed = parseSeed(ctx);
    const asOf = ctx.string('as-of');
    const scale = ctx.string('scale') as 'seed' | 'small';

    const { generateMarket } = await import('../../generate/index.js');
    const { writeMarket, MARKET_FILES } = await import('../../io/write.js');
    // The generator reports cumulative progress over its phases: one bar for the whole run.
    let bar: ProgressReporter | undefined;
    const started = performance.now();
    const onProgress: NonNullable<GenerateOptions['onProgress']> = (done, total) => {
      bar ??= ctx.progress({ zh: '生成市场数据', en: 'generating market' }, total);
      bar.update(done);
    };
    const market: Market = generateMarket({
      seed,
      scale,
      ...(asOf !== undefined ? { asOf } : {}),
      onProgress,
    });
    bar?.done();
    const generatedMs = performance.now() - started;
    const records = MARKET_FILES.reduce((sum, [part]) => sum + market[part].length, 0);
    const writing = ctx.progress({ zh: `写入 ${out}`, en: `writing ${out}` }, records);
    const written = await writeMarket(market, out, { onProgress: (done) => writing.update(done) });
    writing.done();
    if (!ctx.flag('no-truth')) written.files.push(...(await writeTruth(ctx, market, out)));
    const totalMs = performance.now() - started;

    if (ctx.format === 'json') {
      ctx.printJsonLine({
        out,
        manifest: market.manifest,
        files: written.files,
        generatedMs: Math.round(generatedMs),
        totalMs: Math.round(totalMs),
      });
      return EXIT_OK;
    }
    ctx.println(
      ctx.t(
        `已生成市场数据（种子 ${seed}，规模 ${scale}，评估日 ${market.manifest.asOf}）→ ${out}`,
        `Generated market (seed ${seed}, scale ${scale}, as of ${market.manifest.asOf}) → ${out}`,
      ),
    );
    ctx.println();
    ctx.printTable(
      [
        { header: ctx.t('文件', 'file') },
        { header: ctx.t('记录数', 'records'), align: 'right' },
        { header: ctx.t('字节数', 'bytes'), align: 'right' },
      ],
      written.files.map((f) => [
        f.file,
        f.records.toLocaleString('en-US'),
        f.bytes.toLocaleString('en-US'),
      ]),
    );
    ctx.println();
    const generatedS = (generatedMs / 1000).toFixed(1);
    const writtenS = ((totalMs - generatedMs) / 1000).toFixed(1);
    ctx.println(
      ctx.t(
        `生成用时 ${generatedS} 秒，写入用时 ${writtenS} 秒。`,
        `Generated in ${generatedS} s, written in ${writtenS} s.`,
      ),
    );
    return EXIT_OK;
  },
};

/** Writes the truth files of `market` into `out` (with a progress bar), returning their sizes. */
async function writeTruth(
  ctx: CliContext,
  market: Market,
  out: string,
): Promise<{ file: string; records: number; bytes: number }[]> {
  const { join } = await import('node:path');
  const { writeJsonl } = await import('../../io/write.js');
  const truthFile = await import('../../generate/truth-file.js');
  const files: (typeof TRUTH_FILES)[keyof typeof TRUTH_FILES][] = [
    truthFile.TRUTH_FILES.enterpriseProduct,
    truthFile.TRUTH_FILES.projectInvestor,
  ];
  const bar = ctx.progress(
    { zh: '写入真实匹配度', en: 'writing the truth' },
    market.enterprises.length + market.projects.length,
  );
  const ep = await writeJsonl(
    join(out, files[0]!),
    truthFile.enterpriseProductTruthRecords(market),
    { onProgress: (n) => bar.update(n) },
  );
  const pi = await writeJsonl(join(out, files[1]!), truthFile.projectInvestorTruthRecords(market), {
    onProgress: (n) => bar.update(market.enterprises.length + n),
  });
  bar.done();
  return [
    { file: files[0]!, ...ep },
    { file: files[1]!, ...pi },
  ];
}

function parseSeed(ctx: CliContext): number {
  const raw = ctx.string('seed') ?? '1';
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_SEED) {
    ctx.usageError(
      ctx.t(
        `--seed 须为 0 到 ${MAX_SEED} 之间的整数，收到 ${JSON.stringify(raw)}`,
        `--seed must be an integer from 0 to ${MAX_SEED}, got ${JSON.stringify(raw)}`,
      ),
    );
  }
  return Number(raw);
}
