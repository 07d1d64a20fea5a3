/**
 * `finmatch export --database DB --out DIR`: writes the records of a service database as the
 * JSON Lines files `finmatch generate` writes (same names, plus `manifest.json`), at one
 * change-log position, so `finmatch sweep` and `rank` read them directly — the first step of a
 * whole-market sweep run as a Kubernetes Indexed Job (see `deploy/`).
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { FileError, OptionError } from '../../errors.js';
import { RECORD_KIND_NAMES_ZH } from '../../model/enums.js';
import { FORMAT_OPTION } from '../common-options.js';
import { EXIT_OK, STOP_SIGNALS, signalExit } from '../exit-codes.js';
import type { ProgressReporter } from '../progress.js';
import type { CliCommand } from '../types.js';

/** The `export` command. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'write the records of a service database as JSONL files (the layout sweep and rank read)',
  usage:
    'finmatch export --database DIR|postgres://… --out DIR [--seq N] [--as-of YYYY-MM-DD] [--format table|json]',
  options: {
    database: {
      type: 'string',
      valueName: 'DB',
      required: true,
      description:
        'the database of `finmatch serve`: a directory of an embedded database (not open in a running server) or a postgres:// URL',
    },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'DIR',
      writes: true,
      required: true,
      description:
        'directory to write enterprises.jsonl, products.jsonl… and manifest.json to (created if missing; an earlier export there is replaced)',
    },
    seq: {
      type: 'string',
      valueName: 'N',
      description:
        'change-log position to export (the records as they were just after it); default: the latest',
    },
    'as-of': {
      type: 'date',
      valueName: 'DATE',
      description:
        'evaluation date to record in manifest.json, so sweep and rank on these files use it (default: none, they use today)',
    },
    ...FORMAT_OPTION,
  },
  examples: [
    'finmatch export --database ./finmatch-data --out export/',
    'finmatch export --database postgres://finmatch:secret@db:5432/finmatch --out /work/export --as-of 2026-06-30',
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      ctx.usageError(
        ctx.t(
          `多余的参数 ${JSON.stringify(ctx.positionals[0])}`,
          `unexpected argument ${JSON.stringify(ctx.positionals[0])}`,
        ),
      );
    const database = ctx.string('database')!;
    const out = ctx.string('out')!;
    const seqText = ctx.string('seq');
    let seq: number | undefined;
    if (seqText !== undefined) {
      seq = Number(seqText);
      if (!/^\d{1,16}$/.test(seqText) || !Number.isSafeInteger(seq))
        ctx.usageError(
          ctx.t(
            `--seq 须为非负整数，收到 ${JSON.stringify(seqText)}`,
            `--seq must be a non-negative integer, got ${JSON.stringify(seqText)}`,
          ),
        );
    }
    const asOf = ctx.string('as-of');
    if (out === '' || out.includes('\0'))
      ctx.usageError(ctx.t('--out 须为目录路径', '--out must be a directory path'));

    const { openStore, parseDatabase } = await import('../../serve/store/index.js');
    let target: ReturnType<typeof parseDatabase>;
    try {
      target = parseDatabase(database);
    } catch (error) {
      if (error instanceof OptionError) ctx.usageError(`--${error.message}`);
      throw error;
    }
    if (target.kind === 'memory')
      ctx.usageError(
        ctx.t(
          '--database memory: 是新建的空数据库；请给出目录或 postgres:// 地址',
          '--database memory: is a new, empty database; give a directory or a postgres:// URL',
        ),
      );
    if (target.kind === 'directory') {
      // Opening a directory creates a database there: an export reads only an existing one.
      if (!existsSync(target.path) || !statSync(target.path).isDirectory())
        ctx.usageError(
          ctx.t(
            `--database ${target.path}：目录不存在`,
            `--database ${target.path}: no such directory`,
          ),
        );
      if (!existsSync(join(target.path, 'PG_VERSION')))
        ctx.usageError(
          ctx.t(
            `--database ${target.path} 不是 finmatch 数据库目录（其中没有 PG_VERSION）`,
            `--database ${target.path} is not a finmatch database directory (no PG_VERSION in it)`,
          ),
        );
      const rel = relative(resolve(target.path), resolve(out));
      if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
        ctx.usageError(
          ctx.t(
            `--out ${out} 位于数据库目录 ${target.path} 之内`,
            `--out ${out} is inside the database directory ${target.path}`,
          ),
        );
    }
    if (existsSync(out) && !statSync(out).isDirectory())
      ctx.usageError(
        ctx.t(`--out ${out} 已存在且不是目录`, `--out ${out} exists and is not a directory`),
      );

    const { StoreUnavailableError } = await import('../../serve/store/index.js');
    const { exportRecords, ExportSeqError } = await import('../../serve/export.js');
    /** A database that cannot be reached or used is a failed read (exit 3), like a file's. */
    const unavailable = (error: unknown): never => {
      if (error instanceof StoreUnavailableError) {
        const code = error.systemCode;
        throw new FileError('read', error.database, error.message, {
          cause: error,
          ...(code !== undefined && /^E[A-Z0-9]+$/.test(code) ? { systemCode: code } : {}),
        });
      }
      throw error;
    };
    const store = await openStore(database).catch(unavailable);
    const abort = new AbortController();
    let interrupted: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      interrupted ??= signal;
      abort.abort(new Error(`interrupted by ${signal}`));
    };
    for (const [signal] of STOP_SIGNALS) process.on(signal, onSignal);
    let bar: ProgressReporter | undefined;
    let barKind: string | undefined;
    try {
      // Same schema checks as `serve`: refuses a database migrated by a newer finmatch, and
      // creates the (empty) tables of a database no replica has used yet.
      await store.migrate().catch(unavailable);
      let result: Awaited<ReturnType<typeof exportRecords>>;
      try {
        result = await exportRecords(store, out, {
          ...(seq !== undefined ? { seq } : {}),
          ...(asOf !== undefined ? { asOf } : {}),
          signal: abort.signal,
          onProgress: (kind, written) => {
            if (kind !== barKind) {
              bar?.done();
              barKind = kind;
              bar = ctx.progress(
                { zh: `导出${RECORD_KIND_NAMES_ZH[kind]}记录`, en: `exporting ${kind} records` },
                0,
              );
            }
            bar?.update(written);
          },
        });
      } catch (error) {
        if (error instanceof ExportSeqError)
          ctx.usageError(
            ctx.t(
              `--seq ${error.seq} 晚于数据库变更日志的最新位置（${error.head}）`,
              `--seq ${error.seq} is after the latest change-log position of the database (${error.head})`,
            ),
          );
        if (interrupted) {
          ctx.stderr.write(
            ctx.t(
              `finmatch export: 被 ${interrupted} 中断；${out} 保持原样（临时文件已删除）\n`,
              `finmatch export: interrupted by ${interrupted}; ${out} was left as it was (temporary files removed)\n`,
            ),
          );
          return signalExit(interrupted);
        }
        return unavailable(error);
      } finally {
        bar?.done();
      }
      const total = result.files.reduce((n, f) => n + (f.kind === 'manifest' ? 0 : f.records), 0);
      if (total === 0)
        ctx.info(
          ctx.t(
            `finmatch export: 数据库在位置 ${result.seq} 没有任何记录；文件为空`,
            `finmatch export: the database holds no records at position ${result.seq}; the files are empty`,
          ),
        );
      if (ctx.format === 'json') {
        ctx.printJsonLine({ out, manifest: result.manifest, files: result.files, ms: result.ms });
        return EXIT_OK;
      }
      ctx.println(
        `Exported change-log position ${result.seq} (${store.backend}) → ${out}${asOf !== undefined ? `, as of ${asOf}` : ''}`,
      );
      ctx.println();
      ctx.printTable(
        [
          { header: 'file' },
          { header: 'records', align: 'right' },
          { header: 'bytes', align: 'right' },
        ],
        result.files.map((f) => [
          f.file,
          f.records.toLocaleString('en-US'),
          f.bytes.toLocaleString('en-US'),
        ]),
      );
      ctx.println();
      ctx.println(`Exported in ${(result.ms / 1000).toFixed(1)} s.`);
      return EXIT_OK;
    } finally {
      for (const [signal] of STOP_SIGNALS) process.off(signal, onSignal);
      await store.close();
    }
  },
};
