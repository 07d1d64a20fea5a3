/**
 * Exporting the service's records as files: every stored kind as JSON Lines, in the layout
 * `finmatch generate` writes (`enterprises.jsonl`, `products.jsonl`… and `manifest.json`), so
 * `finmatch sweep`, `rank` and the library's `loadRecords` read an export directly. The export
 * is one change-log position: the records as they were just after `seq`, whatever is written
 * meanwhile.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileError, OptionError } from '../errors.js';
import {
  MARKET_FILES,
  MARKET_MANIFEST_FILE,
  syncDirectory,
  syncFile,
  writeJsonl,
  type MarketPart,
} from '../io/write.js';
import { describeValue } from '../util/describe.js';
import { STORED_KINDS, type Store, type StoredKind } from './store/types.js';
import { dateOption } from '../util/options.js';

/** The market file (and manifest count) of each stored kind, named as `finmatch generate` names them. */
export const EXPORT_FILES: Readonly<Record<StoredKind, { part: MarketPart; file: string }>> = {
  institution: marketFile('institutions'),
  chain: marketFile('chains'),
  zone: marketFile('zones'),
  product: marketFile('products'),
  enterprise: marketFile('enterprises'),
  investor: marketFile('investors'),
  project: marketFile('projects'),
  interaction: marketFile('interactions'),
};

function marketFile(part: MarketPart): { part: MarketPart; file: string } {
  const entry = MARKET_FILES.find(([p]) => p === part);
  if (!entry) throw new Error(`no market file for ${part}`);
  return { part, file: entry[1] };
}

/** The `manifest.json` of an export. */
export interface ExportManifest {
  format: 'finmatch.export';
  formatVersion: 1;
  /** The change-log position exported: every record as it was just after it. */
  seq: number;
  /** The store's back-end. */
  backend: 'pglite' | 'postgres';
  /** When the export finished (ISO-8601). */
  exportedAt: string;
  /**
   * The evaluation date `finmatch sweep`/`rank` use for these files (as with a generated
   * market's manifest); present only when given to {@link exportRecords}.
   */
  asOf?: string;
  /** Records per file, keyed like a generated market's manifest. */
  counts: Record<MarketPart, number>;
}

/** Options of {@link exportRecords}. */
export interface ExportOptions {
  /** The change-log position to export (0 ≤ seq ≤ head). Default: the head at the start. */
  seq?: number;
  /** An evaluation date `YYYY-MM-DD` to record in the manifest (see {@link ExportManifest.asOf}). */
  asOf?: string;
  /** Records read from the store per page. Default 5000. */
  pageSize?: number;
  /** Called after each page with the kind being written and its records written so far. */
  onProgress?: (kind: StoredKind, written: number) => void;
  /** Stops the export (temporary files are removed, nothing under the final names changes). */
  signal?: AbortSignal;
}

/** What {@link exportRecords} wrote. */
export interface ExportResult {
  dir: string;
  seq: number;
  manifest: ExportManifest;
  /** One entry per file, the manifest last. */
  files: { file: string; kind: StoredKind | 'manifest'; records: number; bytes: number }[];
  ms: number;
}

/** Thrown when `seq` is after the head of the change log. */
export class ExportSeqError extends OptionError {
  constructor(
    readonly seq: number,
    readonly head: number,
  ) {
    super('seq', `seq ${seq} is after the head of the change log (${head})`);
    this.name = 'ExportSeqError';
  }
}

/**
 * Writes every stored record kind of `store` to `dir` (created when missing) as JSON Lines, at
 * one change-log position, plus `manifest.json` ({@link ExportManifest}).
 *
 * Every file is written under a temporary name in `dir` and flushed to disk (fsync); only
 * when all are written is the old `manifest.json` (if any) removed, the files renamed to their
 * final names, and the new manifest written (also temporary, fsync, rename) and the directory
 * flushed. So a directory whose `manifest.json` is present holds one complete export, of the
 * `seq` it names; a failed or interrupted export leaves the final names as they were (or,
 * if it fails during the renames, without a manifest) and removes its temporary files.
 *
 * @throws {@link OptionError} for a bad `dir`, `seq`, `asOf` or `pageSize`
 *   ({@link ExportSeqError} for a `seq` after the head); {@link FileError} when a file cannot
 *   be written; the store's errors when it cannot be read; `signal.reason` when aborted.
 */
export async function exportRecords(
  store: Pick<Store, 'backend' | 'headSeq' | 'recordsAsOf'>,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const started = performance.now();
  if (typeof dir !== 'string' || dir === '' || dir.includes('\0'))
    throw new OptionError('dir', `dir must be a non-empty path, received ${describeValue(dir)}`);
  if (options.asOf !== undefined) dateOption(options.asOf, 'asOf');
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100_000)
    throw new OptionError(
      'pageSize',
      `pageSize must be an integer from 1 to 100000, received ${describeValue(pageSize)}`,
    );
  if (
    options.seq !== undefined &&
    (typeof options.seq !== 'number' || !Number.isSafeInteger(options.seq) || options.seq < 0)
  )
    throw new OptionError(
      'seq',
      `seq must be a non-negative integer, received ${describeValue(options.seq)}`,
    );
  const head = await store.headSeq();
  const seq = options.seq ?? head;
  if (seq > head) throw new ExportSeqError(seq, head);
  const signal = options.signal;
  signal?.throwIfAborted();

  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw fileError(dir, error, 'cannot create the folder');
  }

  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temporary = (file: string) => join(dir, `.${file}.${tag}.tmp`);
  const written: ExportResult['files'] = [];
  const pending: string[] = [];
  try {
    for (const kind of STORED_KINDS) {
      const { file } = EXPORT_FILES[kind];
      const path = temporary(file);
      pending.push(path);
      const result = await writeJsonl(path, bodies(store, kind, seq, pageSize, options), {});
      await fsyncFile(path);
      written.push({ file, kind, ...result });
    }
    signal?.throwIfAborted();

    // Every file is on disk: replace the previous export, manifest first (so no manifest
    // ever describes a mixture of two exports).
    await rm(join(dir, MARKET_MANIFEST_FILE), { force: true }).catch((error: unknown) => {
      throw fileError(join(dir, MARKET_MANIFEST_FILE), error, 'cannot remove the old manifest');
    });
    for (const entry of written) {
      const path = temporary(entry.file);
      try {
        await rename(path, join(dir, entry.file));
      } catch (error) {
        throw fileError(join(dir, entry.file), error, 'cannot rename into place');
      }
      pending.splice(pending.indexOf(path), 1);
    }

    const counts = Object.fromEntries(
      STORED_KINDS.map((kind) => [
        EXPORT_FILES[kind].part,
        written.find((w) => w.kind === kind)!.records,
      ]),
    ) as Record<MarketPart, number>;
    const manifest: ExportManifest = {
      format: 'finmatch.export',
      formatVersion: 1,
      seq,
      backend: store.backend,
      exportedAt: new Date().toISOString(),
      ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
      counts,
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestTemp = temporary(MARKET_MANIFEST_FILE);
    pending.push(manifestTemp);
    try {
      const handle = await open(manifestTemp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(manifestTemp, join(dir, MARKET_MANIFEST_FILE));
    } catch (error) {
      throw fileError(join(dir, MARKET_MANIFEST_FILE), error, 'cannot write');
    }
    pending.pop();
    await syncDirectory(dir);
    written.push({
      file: MARKET_MANIFEST_FILE,
      kind: 'manifest',
      records: 1,
      bytes: Buffer.byteLength(text),
    });
    return { dir, seq, manifest, files: written, ms: Math.round(performance.now() - started) };
  } finally {
    await Promise.all(pending.map((p) => rm(p, { force: true }).catch(() => undefined)));
  }
}

/** The bodies of one kind at `seq`, page by page. */
async function* bodies(
  store: Pick<Store, 'recordsAsOf'>,
  kind: StoredKind,
  seq: number,
  pageSize: number,
  options: ExportOptions,
): AsyncGenerator<unknown> {
  let count = 0;
  for await (const page of store.recordsAsOf(seq, { kinds: [kind], pageSize })) {
    options.signal?.throwIfAborted();
    for (const change of page) {
      if (change.kind !== kind || change.body === null) continue;
      yield change.body;
      count++;
    }
    options.onProgress?.(kind, count);
  }
}

/** Flushes `path` to disk, or fails naming it. */
async function fsyncFile(path: string): Promise<void> {
  try {
    await syncFile(path);
  } catch (error) {
    throw fileError(path, error, 'cannot flush to disk');
  }
}

function fileError(path: string, error: unknown, what: string): unknown {
  if (error instanceof FileError || error instanceof OptionError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return error;
  return new FileError('write', path, `${what} ${describeValue(path)}: ${code}`, {
    cause: error,
    systemCode: code,
  });
}
