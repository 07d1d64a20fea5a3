/**
 * `finmatch sweep`: the top products for every enterprise, on worker threads (the columnar
 * fast path), streamed as JSON lines to a file in enterprise-id order — the nightly batch
 * behind a platform's "products for you" lists. `--shard i/n` splits the enterprises by a
 * hash of their ids, so `n` machines can each run one shard.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED } from '../exit-codes.js';
import { FileError } from '../../errors.js';
import { DEFAULT_SWEEP_THREADS, MAX_SWEEP_THREADS } from '../../batch/sweep-options.js';
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
  summary: 'top products for every enterprise on worker threads, as JSON lines to a file',
  usage:
    'finmatch sweep --enterprises FILE --products FILE --out FILE [--k 10] [--threads 2] [--shard i/n] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    out: {
      type: 'string',
      valueName: 'FILE',
      required: true,
      description: 'where to write the results (JSONL, one enterprise per line, in id order)',
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
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
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
    const { parseShard, selectShard, sweep } = await import('../../batch/index.js');
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
    const path = ctx.string('out')!;
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
    let written = 0;
    // A signal stops the sweep at the next result; the run then says what was lost.
    let interrupted: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => (interrupted ??= signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      for await (const result of sweep(enterprises, requireFile(inputs, 'products').records, {
        k,
        threads,
        asOf,
        locale: ctx.locale,
        contributions: true,
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
        // The API's record shape (`SweepResult`), one per line.
        const line = JSON.stringify(result);
        written++;
        // `once` rejects when the stream emits 'error' while waiting: the write failed.
        if (!out.write(line + '\n')) await once(out, 'drain').catch(() => undefined);
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
    // Done means on disk: fsync before reporting success.
    await syncRegularFile(path);
    if (written !== enterprises.length) throw new Error(lost('sweep ended early'));
    progress.done();
    return EXIT_OK;
  },
};
