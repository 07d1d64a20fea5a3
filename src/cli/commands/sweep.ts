/**
 * `finmatch sweep`: the top products for every enterprise, on every core (the columnar
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
import { EXIT_OK, STOP_SIGNALS, signalExit } from '../exit-codes.js';
import { FileError } from '../../errors.js';
import { readError } from '../../io/read.js';
import {
  DEFAULT_SWEEP_BATCH_SIZE,
  DEFAULT_SWEEP_THREADS,
  MAX_SWEEP_THREADS,
} from '../../batch/sweep-options.js';
import type { SweepBatch, SweepOptions } from '../../batch/sweep.js';
import type { Enterprise } from '../../model/types.js';
import { detectRecordsFormat } from '../../io/format.js';
import { statSync } from 'node:fs';
import { SWEEP_OUTPUT_FORMATS, type SweepOutputFormat } from '../../batch/sweep-output.js';
import { atomicTarget, type AtomicTarget } from '../../io/write.js';
import { fileErrorText } from '../messages.js';
import { LOCALE_OPTION } from '../common-options.js';
import {
  loadInputs,
  requireFile,
  resolveAsOf,
  skipUnreferenced,
  resolveK,
  type LoadedInputs,
} from '../matching/inputs.js';
import { isStdin } from '../stdin.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  MATCHING_OPTIONS,
} from '../matching/options.js';
import { matcherOptions } from '../matching/matchers.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand, CliContext } from '../types.js';

/** The `sweep` command. */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'top products for every enterprise on every core, as JSON lines or an Arrow file',
  usage:
    'finmatch sweep --enterprises FILE --products FILE --out FILE [--format jsonl|arrow] [--contributions] [--k 10] [--threads 2] [--shard i/n] [--as-of DATE] [--profile FILE]',
  options: {
    ...dataFileOptions(['products', 'enterprises'], ENTERPRISE_PRODUCT_REFERENCE),
    out: {
      type: 'string',
      valueName: 'FILE',
      writes: true,
      required: true,
      description:
        'where to write the results, in enterprise-id order (JSONL: one enterprise per line; Arrow: one match per row, so an enterprise with no eligible product has no row)',
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
      description: `threads that sweep, 0..${MAX_SWEEP_THREADS} (this machine's cores), this one included (N − 1 workers; 0 or 1: this thread alone)`,
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
    const { parseShard, selectShard } = await import('../../batch/shard.js');
    const { sweepBatches, sweepFileBatches, sweepsOnWorkers, SweepInputProblem } =
      await import('../../batch/sweep.js');
    const { meanLineBytes, splitJsonlFile } = await import('../../batch/sweep-file.js');
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
    const { enterpriseProductProfile } =
      await import('../../engine/profiles/enterprise-product.js');
    const { profileToSpec } = await import('../../engine/profiles/spec.js');
    // The sweeping threads read the enterprises file one range at a time when they can (a UTF-8
    // JSON Lines file; mostly the calling thread); the other files are small and read here. Bad records of the reference files are reported
    // after the enterprises', as `loadInputs` orders them.
    const enterprisesFile = workerReadableFile(ctx);
    let inputs: LoadedInputs;
    let flushReference = () => {};
    if (enterprisesFile) {
      inputs = await loadInputs(ctx, ['products']);
      const deferred = deferredReports(ctx);
      Object.assign(inputs, await loadInputs(deferred.ctx, ENTERPRISE_PRODUCT_REFERENCE));
      flushReference = deferred.flush;
    } else inputs = await loadInputs(ctx, files);
    // Products (and enterprises, when read here) naming reference data not given or dated
    // after --as-of are reported and skipped, as `rank` skips them.
    skipUnreferenced(ctx, inputs, asOf);
    const loaded = performance.now();
    // A failure before the sweep (a bad --profile, an --out that cannot be written) still
    // reports the reference files' bad records.
    const beforeSweep = async <T>(step: () => Promise<T>): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        flushReference();
        throw error;
      }
    };
    const profile = await beforeSweep(() => loadProfileOption(ctx, enterpriseProductProfile));

    // The same matcher options as `rank` (reference data, history, its records), so a sweep
    // gives exactly the rankings `rank` prints.
    const options = matcherOptions(ctx, inputs, asOf, profile);
    const { realpath } = await import('node:fs/promises');
    const real = async (p: string) => realpath(p).catch(() => resolve(p));
    const outReal = await real(path);
    await beforeSweep(async () => {
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
    });
    // A signal stops the sweep at the next batch; the run then says what was lost. Installed
    // before the temporary file exists and removed after it is renamed or removed, so no
    // signal finds the file without this handler (the CLI's own would exit at once; it
    // removes the file too).
    let interrupted: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => (interrupted ??= signal);
    for (const [signal] of STOP_SIGNALS) process.on(signal, onSignal);
    let written = 0;
    /** Enterprises written with no eligible product (in Arrow they have no row). */
    let unmatched = 0;
    /** Enterprises swept (after `--shard`): known once the input is checked. */
    let total = 0;
    /** What became of `--out` when the sweep did not finish, after `what` went wrong. */
    const lost = (what: string, removed = true) =>
      target?.inPlace
        ? ctx.locale === 'en'
          ? `${what}: ${path} holds ${written} of ${total} enterprises; the other ${total - written} were not written`
          : `${what}：${path} 只写入了 ${total} 家企业中的 ${written} 家，其余 ${total - written} 家未写入`
        : ctx.locale === 'en'
          ? `${what} ${written === 0 ? 'before any enterprise was written' : `after ${written} of ${total} enterprises`}: ${path} ${target?.existed ? 'was left as it was' : 'was not created'} (${removed ? 'the temporary file removed' : `the temporary file ${target?.writePath} could not be removed`})`
          : `${what}（${written === 0 ? '尚未写入任何企业' : `已处理 ${total} 家企业中的 ${written} 家`}）：${path} ${target?.existed ? '保持原样' : '未创建'}（${removed ? '临时文件已删除' : `临时文件 ${target?.writePath} 未能删除`}）`;
    // A regular file is written under a temporary name beside it and renamed over `--out`
    // only once complete and on disk: a sweep that fails or is interrupted leaves `--out` as
    // it was (a previous night's result included), never a file that looks complete.
    let target: AtomicTarget | undefined;
    let committed = false;
    /**
     * What ended the sweep before `--out` was renamed, for the one message (below) saying what
     * became of it: set once the file is open (a file that cannot be opened is its own error).
     */
    let unfinished: string | undefined;
    try {
      target = await beforeSweep(() => atomicTarget(path));
      const out = createWriteStream(target.writePath);
      // Fail before any work when the file cannot be opened (a directory, a missing folder…).
      await beforeSweep(async () => {
        try {
          await once(out, 'open');
        } catch (error) {
          throw writeFailure(error);
        }
      });
      unfinished = ctx.t('批量排序未完成', 'the sweep did not finish');
      let writeError: Error | undefined;
      out.on('error', (e) => (writeError ??= e));
      const products = requireFile(inputs, 'products').records;
      const output = sweepOutput(format, {
        contributions: withContributions,
        productIds: products.map((p) => p.id).sort(),
        factorNames: (profile ?? enterpriseProductProfile()).factors.map((f) => f.factor.name),
      });
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
      const prepared = performance.now();
      let finished = false;
      let progress: ReturnType<typeof ctx.progress> | undefined;
      const sweepOptions: SweepOptions = {
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
        ...(options.subjects ? { subjects: options.subjects as Enterprise[] } : {}),
        onProgress: (done, all) => {
          total = all;
          progress ??= ctx.progress({ zh: '批量排序', en: 'sweeping' }, all);
          progress.update(done);
        },
      };
      /** The enterprises read here (the reference way), their bad records reported, `--shard` applied. */
      const loadEnterprises = async (): Promise<Enterprise[]> => {
        if (!inputs.enterprises) Object.assign(inputs, await loadInputs(ctx, ['enterprises']));
        flushReference();
        // As `rank` does: an enterprise naming a chain or zone not given, or founded or
        // certified after --as-of, is reported and skipped (the worker path sent it here).
        skipUnreferenced(ctx, inputs, asOf);
        let list = requireFile(inputs, 'enterprises').records;
        if (shard) {
          const ids = new Set(
            selectShard(
              list.map((e) => e.id),
              shard.index,
              shard.count,
            ),
          );
          list = list.filter((e) => ids.has(e.id));
        }
        total = list.length;
        return list;
      };
      /**
       * The batches: read by the workers when they can; else — or when some line needs the
       * reference reader (it reports every bad record) — from the records read here.
       */
      async function* batches(): AsyncGenerator<SweepBatch> {
        if (enterprisesFile && sweepsOnWorkers(sweepOptions)) {
          // The ranges hold for the version of the file split: the sweep fails, rather than
          // mix two versions, if a thread reads another (moved over, written to, truncated).
          let split: ReturnType<typeof splitJsonlFile>;
          try {
            split = splitJsonlFile(
              enterprisesFile,
              meanLineBytes(enterprisesFile) * DEFAULT_SWEEP_BATCH_SIZE,
            );
          } catch (error) {
            // Readable a moment ago (it was checked): a read failure, said as one.
            throw readError(enterprisesFile, error);
          }
          const { ranges, version } = split;
          const fromFile = sweepFileBatches(
            { path: enterprisesFile, ranges, version },
            products,
            sweepOptions,
            shard,
            // The workers write the JSON lines too: this thread only appends them to the file.
            format === 'jsonl',
          );
          let first: IteratorResult<SweepBatch> | undefined;
          try {
            first = await fromFile.next();
          } catch (error) {
            if (!(error instanceof SweepInputProblem)) {
              flushReference();
              throw error;
            }
          }
          if (first) {
            flushReference();
            if (first.done) return;
            // Closed however this generator ends: a consumer that stops after the first batch
            // (an interrupt, a write error) closes `batches()`, and only this closes the sweep's
            // workers, which would otherwise keep the process alive.
            try {
              yield first.value;
              yield* fromFile;
            } finally {
              await fromFile.return(undefined);
            }
            return;
          }
        }
        yield* sweepBatches(await loadEnterprises(), products, sweepOptions);
      }
      {
        try {
          for await (const batch of batches()) {
            if (writeError || interrupted) break;
            const t = performance.now();
            await write(output.batch(batch));
            written += batch.size;
            const { offsets } = batch;
            for (let i = 0; i < batch.size; i++) if (offsets[i + 1] === offsets[i]) unmatched++;
            writing += performance.now() - t;
          }
          if (!writeError && !interrupted && written === total) {
            const t = performance.now();
            await write(output.finish());
            writing += performance.now() - t;
            finished = true;
          }
        } finally {
          // A stream that failed has closed already; waiting for 'close' again would hang.
          if (!out.closed) {
            out.end();
            await once(out, 'close').catch(() => undefined);
          }
        }
        const swept = performance.now();
        if (writeError) {
          // The error itself is reported as a file error (path and code); what became of the
          // output is said when the temporary file is gone (below).
          throw writeFailure(writeError);
        }
        if (interrupted) {
          unfinished = ctx.t(`被 ${interrupted} 中断`, `interrupted by ${interrupted}`);
          return signalExit(interrupted);
        }
        if (written !== total || !finished)
          throw new Error(`sweep ended early: ${written} of ${total} enterprises written`);
        // Done means on disk: the file flushed (fsync), renamed over `--out`, the folder flushed.
        try {
          await target.commit({ durable: true });
        } catch (error) {
          throw writeFailure(error);
        }
        committed = true;
        const synced = performance.now();
        progress?.done();
        const s = (ms: number) => (ms / 1000).toFixed(1);
        const sweepMs = swept - prepared - writing;
        const writeMs = writing + (synced - swept);
        ctx.info(
          ctx.t(
            `已写入 ${path}：${total} 家企业（其中 ${unmatched} 家没有可申请的产品${format === 'arrow' ? '，在 Arrow 文件中没有行' : ''}），${format}，${(bytes / 1e6).toFixed(1)} MB；用时 ${s(synced - began)} 秒（读取与校验 ${s(loaded - began)}，准备 ${s(prepared - loaded)}，排序 ${s(sweepMs)}，写入 ${s(writeMs)}）`,
            `wrote ${path}: ${total} enterprises (${unmatched} with no eligible product${format === 'arrow' ? ', which have no row in Arrow' : ''}), ${format}, ${(bytes / 1e6).toFixed(1)} MB in ${s(synced - began)} s (load ${s(loaded - began)}, prepare ${s(prepared - loaded)}, sweep ${s(sweepMs)}, write ${s(writeMs)})`,
          ),
        );
        return EXIT_OK;
      }
    } finally {
      for (const [signal] of STOP_SIGNALS) process.off(signal, onSignal);
      // Whatever ended the sweep before the rename (bad input found by a worker, a worker
      // that died, a full disk), `--out` is left as it was, and the run says so.
      if (target && !committed) {
        const removed = await target.discard();
        if (unfinished !== undefined)
          ctx.stderr.write(`finmatch sweep: ${lost(unfinished, removed)}\n`);
      }
    }

    /** A system error of writing `--out`, as a {@link FileError} naming it (not its temporary file). */
    function writeFailure(error: unknown): unknown {
      if (error instanceof FileError) return error;
      const code = (error as { code?: unknown } | null)?.code;
      const systemCode = typeof code === 'string' ? code : undefined;
      return new FileError('write', path, fileErrorText('write', path, systemCode, ctx.locale), {
        cause: error,
        ...(systemCode !== undefined ? { systemCode } : {}),
      });
    }
  },
};

/**
 * The enterprises file when the sweep can read it in ranges: a regular UTF-8 JSON Lines
 * file (by its extension), with no history (`--interactions` makes the sweep rank through the
 * matcher, which needs the records here). Anything else — standard input, JSON, CSV, GB18030,
 * a missing file (reported by the reference reader) — is read here.
 */
function workerReadableFile(ctx: CliContext): string | undefined {
  const path = ctx.string('enterprises');
  const encoding = ctx.string('encoding')?.toLowerCase();
  if (path === undefined || isStdin(path) || ctx.string('interactions') !== undefined)
    return undefined;
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8') return undefined;
  try {
    if (detectRecordsFormat(path) !== 'jsonl' || !statSync(path).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return path;
}

/**
 * A context whose bad-record reports (stderr lines and the skipped count) wait until `flush`,
 * so files read early are reported in the order `loadInputs` reports them.
 */
function deferredReports(ctx: CliContext): { ctx: CliContext; flush: () => void } {
  const lines: string[] = [];
  let skipped = 0;
  let flushed = false;
  const deferred: CliContext = Object.create(ctx, {
    stderr: {
      value: {
        write: (text: string) => void lines.push(text),
        isTTY: ctx.stderr.isTTY,
        columns: ctx.stderr.columns,
      },
    },
    skipped: { value: (count: number) => void (skipped += count) },
  }) as CliContext;
  return {
    ctx: deferred,
    flush() {
      if (flushed) return;
      flushed = true;
      for (const line of lines) ctx.stderr.write(line);
      if (skipped > 0) ctx.skipped(skipped);
    },
  };
}
