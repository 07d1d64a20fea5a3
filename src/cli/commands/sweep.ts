/**
 * `finmatch sweep`: the top products for every enterprise, on worker threads (the columnar
 * fast path), streamed as JSON lines to a file in enterprise-id order — the nightly batch
 * behind a platform's "products for you" lists. `--shard i/n` splits the enterprises by a
 * hash of their ids, so `n` machines can each run one shard.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { EXIT_OK } from '../exit-codes.js';
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

/** Default of `--threads`: the two cores of a typical worker machine. */
export const DEFAULT_SWEEP_THREADS = 2;

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
      description: 'worker threads (0: in this thread)',
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
      ctx.usageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const k = resolveK(ctx);
    const threadsText = ctx.string('threads') ?? String(DEFAULT_SWEEP_THREADS);
    const threads = Number(threadsText);
    if (!/^\d+$/.test(threadsText) || !Number.isSafeInteger(threads))
      ctx.usageError(`--threads must be a non-negative integer, received ${threadsText}`);
    const { parseShard, selectShard, sweep } = await import('../../batch/index.js');
    const shardText = ctx.string('shard');
    let shard: { index: number; count: number } | undefined;
    if (shardText !== undefined) {
      try {
        shard = parseShard(shardText);
      } catch (e) {
        ctx.usageError((e as Error).message);
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
    const out = createWriteStream(path);
    let writeError: Error | undefined;
    out.on('error', (e) => (writeError ??= e));
    const progress = ctx.progress('sweeping', enterprises.length);
    let written = 0;
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
        if (writeError) break;
        const line = JSON.stringify({
          enterpriseId: result.enterpriseId,
          matches: result.matches.map((m) => ({
            productId: m.productId,
            score: m.score,
            contributions: m.contributions ?? {},
          })),
        });
        written++;
        // `once` rejects when the stream emits 'error' while waiting: the write failed.
        if (!out.write(line + '\n')) await once(out, 'drain').catch(() => undefined);
      }
    } finally {
      out.end();
      await once(out, 'close').catch(() => undefined);
    }
    if (writeError)
      throw new Error(`could not write ${path}: ${writeError.message}`, { cause: writeError });
    if (written !== enterprises.length)
      throw new Error(
        `sweep wrote ${written} of ${enterprises.length} enterprises to ${path}; results were lost`,
      );
    progress.done();
    return EXIT_OK;
  },
};
