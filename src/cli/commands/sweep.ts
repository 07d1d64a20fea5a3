/**
 * `finmatch sweep`: the top products for every enterprise, on worker threads (the columnar
 * fast path), streamed to a file in enterprise-id order — the nightly batch behind a
 * platform's "products for you" lists. JSON lines by default (the API's record shape, without
 * contributions unless `--contributions`), or an Apache Arrow file (`--format arrow`, or an
 * `--out` ending in `.arrow`) an analyst opens directly. Batches are written from their
 * columns as they come. `--shard i/n` splits the enterprises by a hash of their ids, so `n`
 * machines can each run one shard. On success it says where the time went (load, prepare,
 * sweep, write).
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED } from '../exit-codes.js';
import { FileError } from '../../errors.js';
import { DEFAULT_SWEEP_THREADS, MAX_SWEEP_THREADS } from '../../batch/sweep-options.js';
import { SWEEP_OUTPUT_FORMATS, type SweepOutputFormat } from '../../batch/sweep-output.js';
import { syncRegularFile } from '../durable.js';
import { LOCALE_OPTION } from '../common-options.js';
import { loadInputs, requireFile, resolveAsOf, resolveK } from '../matching/inputs.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  MATCHING_OPTIONS,
} from '../matching/options.js';
import { matcherOptions } from '../matching/matchers.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand } from '../types.js';

/** The `sweep` command. */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'top products for every enterprise on worker threads, as JSON lines or an Arrow file',
  usage:
    'finmatch sweep --enterprises FILE --products FILE --out FILE [--format jsonl|arrow] [--contributions] [--k 10] [--threads 2] [--shard i/n] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    out: {
      type: 'string',
      valueName: 'FILE',
      required: true,
      description:
        'where to write the results, in enterprise-id order (JSONL: one enterprise per line; Arrow: one match per row)',
    },
    format: {
      type: 'string',
      valueName: 'FORMAT',
      choices: SWEEP_OUTPUT_FORMATS,
      description:
        'jsonl: {"enterpriseId","matches":[{"productId","score","rank"}]} per line; arrow: an Apache Arrow IPC file (enterpriseId, rank, productId, score) for pyarrow, polars, DuckDB (default: arrow when --out ends in .arrow, else jsonl)',
    },
    contributions: {
      type: 'boolean',
      description:
        "also write each match's factor contributions (JSONL: a contributions object per match; Arrow: a contribution_<factor> column per factor)",
    },
    threads: {
      type: 'string',
      valueName: 'N',
      default: String(DEFAULT_SWEEP_THREADS),
      description: `worker threads, 0..${MAX_SWEEP_THREADS} (this machine's cores; 0: in this thread)`,
    },
    shard: {
      type: 'string',
      valueName: 'i/n',
      description: 'only shard i of n (0 ≤ i < n) of the enterprises, by a hash of their ids',
    },
    k: MATCHING_OPTIONS.k!,
    'as-of': MATCHING_OPTIONS['as-of']!,
    profile: MATCHING_OPTIONS.profile!,
    text: MATCHING_OPTIONS.text!,
    ...LOCALE_OPTION,
  },
  examples: [
    'finmatch sweep --enterprises data/enterprises.jsonl --products data/products.jsonl --out top10.jsonl',
    'finmatch sweep --enterprises data/enterprises.jsonl --products data/products.jsonl --out part0.jsonl --shard 0/4',
    'finmatch sweep --enterprises data/enterprises.jsonl --products data/products.jsonl --out top10.arrow --contributions',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const began = performance.now();
    const k = resolveK(ctx);
    const threadsText = ctx.string('threads') ?? String(DEFAULT_SWEEP_THREADS);
    const threads = Number(threadsText);
    if (!/^\d{1,6}$/.test(threadsText) || threads > MAX_SWEEP_THREADS)
      ctx.usageError(
        ctx.t(
          `--threads 须为 0 到 ${MAX_SWEEP_THREADS}（本机核数）之间的整数，收到 ${JSON.stringify(threadsText)}`,
          `--threads must be an integer in 0..${MAX_SWEEP_THREADS} (this machine's cores), received ${JSON.stringify(threadsText)}`,
        ),
      );
    const { parseShard, selectShard, sweepBatches } = await import('../../batch/index.js');
    const { sweepOutput } = await import('../../batch/sweep-output.js');
    const path = ctx.string('out')!;
    const format: SweepOutputFormat =
      (ctx.string('format') as SweepOutputFormat | undefined) ??
      (/\.arrow$/i.test(path) ? 'arrow' : 'jsonl');
    const withContributions = ctx.flag('contributions');
    const shardText = ctx.string('shard');
    let shard: { index: number; count: number } | undefined;
    if (shardText !== undefined) {
      try {
        shard = parseShard(shardText);
      } catch (e) {
        ctx.usageError(
          ctx.t(
            `--shard 须写作 i/n（0 ≤ i < n），收到 ${JSON.stringify(shardText)}`,
            `--shard: ${(e as Error).message}`,
          ),
        );
      }
    }
    const files = ['products', 'enterprises', ...ENTERPRISE_PRODUCT_REFERENCE] as const;
    const { asOf } = await resolveAsOf(ctx, files);
    const inputs = await loadInputs(ctx, files);
    const loaded = performance.now();
    const allEnterprises = requireFile(inputs, 'enterprises').records;
    let enterprises = allEnterprises;
    if (shard) {
      const ids = new Set(
        selectShard(
          enterprises.map((e) => e.id),
          shard.index,
          shard.count,
        ),
      );
      enterprises = enterprises.filter((e) => ids.has(e.id));
    }
    const { enterpriseProductProfile } =
      await import('../../engine/profiles/enterprise-product.js');
    const { profileToSpec } = await import('../../engine/profiles/spec.js');
    const profile = await loadProfileOption(ctx, enterpriseProductProfile);

    // The same matcher options as `rank` (reference data, history, its records), so a sweep
    // gives exactly the rankings `rank` prints.
    const options = matcherOptions(ctx, inputs, asOf, profile);
    const { realpath } = await import('node:fs/promises');
    const real = async (p: string) => realpath(p).catch(() => resolve(p));
    const outReal = await real(path);
    for (const option of files) {
      const input = ctx.string(option);
      if (input !== undefined && (await real(input)) === outReal)
        ctx.usageError(
          ctx.t(
            `--out ${path} 就是 --${option} 的输入文件，写入会毁掉它`,
            `--out ${path} is the --${option} input; writing there would destroy it`,
          ),
        );
    }
    const out = createWriteStream(path);
    // Fail before any work when the file cannot be opened (a directory, a missing folder…).
    await once(out, 'open');
    let writeError: Error | undefined;
    out.on('error', (e) => (writeError ??= e));
    const progress = ctx.progress({ zh: '批量排序', en: 'sweeping' }, enterprises.length);
    const products = requireFile(inputs, 'products').records;
    const output = sweepOutput(format, {
      contributions: withContributions,
      productIds: products.map((p) => p.id).sort(),
      factorNames: (profile ?? enterpriseProductProfile()).factors.map((f) => f.factor.name),
    });
    let written = 0;
    let bytes = 0;
    /** Milliseconds spent turning batches into bytes and handing them to the stream. */
    let writing = 0;
    const write = async (chunks: (string | Uint8Array)[]) => {
      for (const chunk of chunks) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        // `once` rejects when the stream emits 'error' while waiting: the write failed.
        if (!out.write(chunk)) await once(out, 'drain').catch(() => undefined);
        if (writeError) return;
      }
    };
    // A signal stops the sweep at the next batch; the run then says what was lost.
    let interrupted: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => (interrupted ??= signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const prepared = performance.now();
    let finished = false;
    try {
      for await (const batch of sweepBatches(enterprises, products, {
        k,
        threads,
        asOf,
        locale: ctx.locale,
        contributions: withContributions,
        ordered: true,
        ...(profile ? { profile: profileToSpec(profile) } : {}),
        ...(options.chains ? { chains: options.chains } : {}),
        ...(options.zones ? { zones: options.zones } : {}),
        ...(options.institutions ? { institutions: options.institutions } : {}),
        ...(options.interactions ? { interactions: options.interactions } : {}),
        ...(options.subjects ? { subjects: options.subjects as typeof allEnterprises } : {}),
        onProgress: (done) => progress.update(done),
      })) {
        if (writeError || interrupted) break;
        const t = performance.now();
        await write(output.batch(batch));
        written += batch.size;
        writing += performance.now() - t;
      }
      if (!writeError && !interrupted && written === enterprises.length) {
        const t = performance.now();
        await write(output.finish());
        writing += performance.now() - t;
        finished = true;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A stream that failed has closed already; waiting for 'close' again would hang.
      if (!out.closed) {
        out.end();
        await once(out, 'close').catch(() => undefined);
      }
    }
    const swept = performance.now();
    const lost = (what: string) =>
      ctx.locale === 'en'
        ? `${what}: ${path} holds ${written} of ${enterprises.length} enterprises; the other ${enterprises.length - written} were not written`
        : `${what}：${path} 只写入了 ${enterprises.length} 家企业中的 ${written} 家，其余 ${enterprises.length - written} 家未写入`;
    if (writeError) {
      const systemCode = (writeError as { code?: unknown }).code;
      throw new FileError('write', path, lost(writeError.message), {
        cause: writeError,
        ...(typeof systemCode === 'string' ? { systemCode } : {}),
      });
    }
    if (interrupted) {
      ctx.stderr.write(
        `finmatch sweep: ${lost(ctx.t(`被 ${interrupted} 中断`, `interrupted by ${interrupted}`))}\n`,
      );
      return interrupted === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
    }
    if (written !== enterprises.length || !finished) throw new Error(lost('sweep ended early'));
    // Done means on disk: fsync before reporting success.
    await syncRegularFile(path);
    const synced = performance.now();
    progress.done();
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const sweepMs = swept - prepared - writing;
    const writeMs = writing + (synced - swept);
    ctx.info(
      ctx.t(
        `已写入 ${path}：${enterprises.length} 家企业，${format}，${(bytes / 1e6).toFixed(1)} MB；用时 ${s(synced - began)} 秒（读取与校验 ${s(loaded - began)}，准备 ${s(prepared - loaded)}，排序 ${s(sweepMs)}，写入 ${s(writeMs)}）`,
        `wrote ${path}: ${enterprises.length} enterprises, ${format}, ${(bytes / 1e6).toFixed(1)} MB in ${s(synced - began)} s (load ${s(loaded - began)}, prepare ${s(prepared - loaded)}, sweep ${s(sweepMs)}, write ${s(writeMs)})`,
      ),
    );
    return EXIT_OK;
  },
};
