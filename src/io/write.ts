/**
 * Writing records as JSON Lines, and a whole generated market as a directory of files.
 * Output is deterministic: keys in the order the records hold them, `\n` line endings, no
 * trailing spaces, so the same market always gives byte-identical files.
 *
 * @module
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileError, FinmatchError, OptionError } from '../errors.js';
import { describeValue, escapeControl } from '../util/describe.js';
import { pendingTemporaries } from './pending.js';
import { systemCodeOf } from './read.js';
import type { Market, MarketManifest } from '../generate/types.js';

/**
 * Characters buffered before a write to the file. Writing in ~1 MB pieces keeps the number of
 * system calls low without holding a large file in memory.
 */
export const JSONL_WRITE_CHUNK_CHARS = 1 << 20;

/** What {@link writeJsonl} wrote. */
export interface WriteJsonlResult {
  /** Records written. */
  records: number;
  /** Bytes written. */
  bytes: number;
}

/** Options of {@link writeJsonl}. */
export interface WriteJsonlOptions {
  /** Called after each chunk with the number of records written so far. */
  onProgress?: (written: number) => void;
}

/**
 * Where a file that must never be seen half-written goes: for a regular file (or a path that
 * does not exist yet) a temporary name in the same folder, renamed over the file by `commit`
 * (a symbolic link's target, so the link stays a link; the file's permissions kept); for
 * anything else (a FIFO, a character device, a path under `/dev/` or `/proc/` such as
 * `/dev/stdout`, whatever it points to) `path` itself, since renaming over it would replace
 * the pipe or link with a regular file. Internal: the one mechanism of {@link writeJsonl}, the
 * market's files and `finmatch sweep`.
 */
export interface AtomicTarget {
  /** Where to write: the temporary file, or `path` itself when {@link inPlace}. */
  readonly writePath: string;
  /** Whether `path` is written in place (not a regular file). */
  readonly inPlace: boolean;
  /** Whether `path` existed when the target was made (a discarded write leaves it as it was). */
  readonly existed: boolean;
  /**
   * Makes the written file `path`: renames the temporary file over it. With `durable`, the
   * temporary file is flushed to disk first (fsync), and the folder after the rename where the
   * system allows it (best effort: the rename has happened by then, so nothing after it
   * fails). Throws the operating system's error when the file is not in place.
   */
  commit(options?: { durable?: boolean }): Promise<void>;
  /**
   * Removes the temporary file (never `path`): `path` is left as it was. Never throws;
   * resolves to false when the file could not be removed.
   */
  discard(): Promise<boolean>;
}

/**
 * The {@link AtomicTarget} of `path`.
 *
 * @throws {@link FileError} when `path` is a directory or cannot be inspected.
 */
export async function atomicTarget(path: string): Promise<AtomicTarget> {
  const { kind, file, mode } = await resolveTarget(path);
  const inPlace = kind === 'special';
  const writePath = inPlace
    ? path
    : `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  if (!inPlace) pendingTemporaries.add(writePath);
  return {
    writePath,
    inPlace,
    existed: kind !== 'missing',
    async commit({ durable = false } = {}) {
      // In place: a pipe or a device, with nothing to flush.
      if (inPlace) return;
      if (durable) await syncFile(writePath);
      // After the flush, which opens the file for writing: the old mode may be read-only.
      if (mode !== undefined) await chmod(writePath, mode);
      await rename(writePath, file);
      pendingTemporaries.delete(writePath);
      if (durable) await syncDirectory(dirname(file));
    },
    async discard() {
      if (inPlace) return true;
      try {
        await rm(writePath, { force: true });
        pendingTemporaries.delete(writePath);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Flushes the file at `path` to disk (fsync); throws the operating system's error. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries (a rename into it) to disk, where the system allows it: opening
 * or syncing a folder fails on some (EPERM on Windows, EINVAL, no read permission), and the
 * rename then stands as the system keeps it. Never throws.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes records to `path` as JSON Lines, one `JSON.stringify(record)` per line, each ending
 * in `\n`. Streams: records are serialised and written in chunks with back-pressure, never
 * joined into one string.
 *
 * A regular file (or a path that does not exist yet) is written under a temporary name in the
 * same folder and renamed at the end, so a failed write never leaves a half-written file under
 * `path`, and the temporary file is removed. Anything else — a FIFO, `/dev/stdout`, a
 * character device — is written in place: renaming over it would replace the pipe with a
 * regular file.
 *
 * @throws {@link OptionError} when `path` is not a non-empty string or `records` is not
 *   iterable; {@link FinmatchError} (`INVALID_OPTION`) when a record cannot be serialised (a
 *   `bigint`, a cycle, `undefined`); {@link FileError} (`IO_FAILED`, naming the path) when
 *   the file cannot be written (a missing folder, a directory, no permission, a full disk).
 */
export async function writeJsonl(
  path: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: WriteJsonlOptions = {},
): Promise<WriteJsonlResult> {
  if (typeof path !== 'string' || path === '' || path.includes('\u0000'))
    throw new OptionError(
      'path',
      `path must be a non-empty string, received ${describeValue(path)}`,
    );
  if (!isIterable(records))
    throw new OptionError(
      'records',
      `records must be an array or an (async) iterable, received ${describeValue(records)}`,
    );
  const target = await atomicTarget(path);
  const stream = createWriteStream(target.writePath, { encoding: 'utf8' });
  const failure = new Promise<never>((_, reject) => stream.once('error', reject));
  failure.catch(() => undefined);
  let count = 0;
  let bytes = 0;
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    bytes += Buffer.byteLength(buffer);
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok)
      await Promise.race([
        new Promise<void>((resolve) => stream.once('drain', () => resolve())),
        failure,
      ]);
    options.onProgress?.(count);
  };
  try {
    for await (const record of records) {
      const line = serialise(record, count);
      buffer += line + '\n';
      count++;
      if (buffer.length >= JSONL_WRITE_CHUNK_CHARS) await flush();
    }
    await flush();
    // `finish` fires once everything is handed to the OS; an error (ENOSPC) fires instead.
    await Promise.race([
      new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
      failure,
    ]);
    await target.commit();
  } catch (error) {
    // The stream opens its file asynchronously: wait until it is closed, or the temporary file
    // could be created after it was removed.
    stream.destroy();
    if (!stream.closed) await once(stream, 'close').catch(() => undefined);
    await target.discard();
    throw writeError(path, error);
  }
  return { records: count, bytes };
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  try {
    return (
      value !== null &&
      (typeof value === 'object' || typeof value === 'function') &&
      (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
        typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
    );
  } catch {
    return false;
  }
}

/**
 * What is at `path`: a regular file or nothing (written atomically: `file` is where, a symbolic
 * link's target; `mode` its permissions), or something else (a FIFO, a device, anything under
 * `/dev/` or `/proc/`: written in place). A directory is an error.
 */
async function resolveTarget(
  path: string,
): Promise<{ kind: 'regular' | 'missing' | 'special'; file: string; mode?: number }> {
  if (SPECIAL_PATH.test(path)) return { kind: 'special', file: path };
  try {
    let file = path;
    if ((await lstat(path)).isSymbolicLink()) {
      file = await realpath(path).catch(() => path);
      // A dangling link, or one into /dev or /proc (a descriptor): written through, in place.
      if (file === path || SPECIAL_PATH.test(file)) return { kind: 'special', file: path };
    }
    const info = await stat(file);
    if (info.isDirectory())
      throw new FileError('write', path, `cannot write ${describeValue(path)}: it is a directory`, {
        systemCode: 'EISDIR',
      });
    return info.isFile()
      ? { kind: 'regular', file, mode: info.mode & 0o7777 }
      : { kind: 'special', file: path };
  } catch (error) {
    if (error instanceof FileError) throw error;
    if (systemCodeOf(error) === 'ENOENT') return { kind: 'missing', file: path };
    throw writeError(path, error);
  }
}

/** Paths of descriptors and devices (`/dev/stdout`, `/proc/self/fd/1`): never renamed over. */
const SPECIAL_PATH = /^\/(?:dev|proc)\//;

/** A system error of a write, as a {@link FileError} naming the path; finmatch's own errors pass. */
function writeError(path: string, error: unknown): unknown {
  if (error instanceof FinmatchError) return error;
  const systemCode = systemCodeOf(error);
  if (systemCode === undefined || !/^E[A-Z0-9]+$/.test(systemCode)) return error;
  const reason =
    systemCode === 'ENOENT'
      ? 'the folder does not exist'
      : systemCode === 'ENOSPC'
        ? 'no space left on the device'
        : systemCode === 'EACCES' || systemCode === 'EPERM'
          ? 'permission denied'
          : systemCode === 'EISDIR'
            ? 'it is a directory'
            : systemCode;
  return new FileError('write', path, `cannot write ${describeValue(path)}: ${reason}`, {
    cause: error,
    systemCode,
  });
}

/** Writes `text` to `path` like {@link writeJsonl} does: atomically for regular files. */
async function writeText(path: string, text: string): Promise<void> {
  const target = await atomicTarget(path);
  try {
    await writeFile(target.writePath, text, 'utf8');
    await target.commit();
  } catch (error) {
    await target.discard();
    throw writeError(path, error);
  }
}

function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return escapeControl(error.message);
  } catch {
    // fall through
  }
  return describeValue(error);
}

function serialise(record: unknown, index: number): string {
  let line: string | undefined;
  try {
    line = JSON.stringify(record);
  } catch (error) {
    throw new FinmatchError(
      'INVALID_OPTION',
      `record ${index} cannot be written as JSON: ${errorText(error)}`,
    );
  }
  if (line === undefined) {
    throw new FinmatchError(
      'INVALID_OPTION',
      `record ${index} cannot be written as JSON (it is ${typeof record})`,
    );
  }
  return line;
}

/** The record arrays of a {@link Market}, in the order their files are written. */
export const MARKET_FILES = [
  ['enterprises', 'enterprises.jsonl'],
  ['institutions', 'institutions.jsonl'],
  ['products', 'products.jsonl'],
  ['projects', 'projects.jsonl'],
  ['investors', 'investors.jsonl'],
  ['interactions', 'interactions.jsonl'],
  ['chains', 'chains.jsonl'],
  ['zones', 'zones.jsonl'],
] as const;

/** One record array of a market, by its field name. */
export type MarketPart = (typeof MARKET_FILES)[number][0];

/** Name of the manifest file written by {@link writeMarket}. */
export const MARKET_MANIFEST_FILE = 'manifest.json';

/** Options of {@link writeMarket}. */
export interface WriteMarketOptions {
  /** Called as records are written: records written so far out of the market's total, and the part being written. */
  onProgress?: (done: number, total: number, part: MarketPart) => void;
}

/** What {@link writeMarket} wrote: one entry per file, in writing order. */
export interface WriteMarketResult {
  files: { file: string; records: number; bytes: number }[];
}

/**
 * Writes a generated market to `dir` (created when missing): `enterprises.jsonl`,
 * `institutions.jsonl`, `products.jsonl`, `projects.jsonl`, `investors.jsonl`,
 * `interactions.jsonl`, `chains.jsonl`, `zones.jsonl` and `manifest.json` (2-space indented).
 * The same market always produces byte-identical files. The hidden `truth` is not written.
 *
 * Records are written as given, not re-validated (generated markets are valid by
 * construction; `finmatch validate` checks files). The market's shape is checked: every part
 * must be an array and the manifest's counts must match.
 *
 * @throws {@link OptionError} when `market` is not a market or its manifest counts disagree
 *   with its arrays.
 */
export async function writeMarket(
  market: Market,
  dir: string,
  options: WriteMarketOptions = {},
): Promise<WriteMarketResult> {
  checkMarket(market);
  if (typeof dir !== 'string' || dir === '' || dir.includes('\u0000'))
    throw new OptionError('dir', `dir must be a non-empty string, received ${describeValue(dir)}`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(dir, error);
  }
  const total = MARKET_FILES.reduce((sum, [part]) => sum + market[part].length, 0);
  const files: WriteMarketResult['files'] = [];
  let before = 0;
  for (const [part, file] of MARKET_FILES) {
    const written = await writeJsonl(join(dir, file), market[part], {
      ...(options.onProgress
        ? { onProgress: (n: number) => options.onProgress?.(before + n, total, part) }
        : {}),
    });
    before += written.records;
    options.onProgress?.(before, total, part);
    files.push({ file, ...written });
  }
  const manifest = `${JSON.stringify(market.manifest, null, 2)}\n`;
  await writeText(join(dir, MARKET_MANIFEST_FILE), manifest);
  files.push({ file: MARKET_MANIFEST_FILE, records: 1, bytes: Buffer.byteLength(manifest) });
  return { files };
}

function checkMarket(market: unknown): asserts market is Market {
  if (market === null || typeof market !== 'object') {
    throw new OptionError('market', 'market must be an object returned by generateMarket');
  }
  const m = market as Partial<Record<MarketPart, unknown>> & { manifest?: Partial<MarketManifest> };
  if (
    m.manifest === null ||
    typeof m.manifest !== 'object' ||
    typeof m.manifest.counts !== 'object'
  ) {
    throw new OptionError('market', 'market.manifest with counts is required');
  }
  for (const [part] of MARKET_FILES) {
    const records = m[part];
    if (!Array.isArray(records)) throw new OptionError('market', `market.${part} must be an array`);
    const declared = (m.manifest.counts as Record<string, unknown>)[part];
    if (declared !== records.length) {
      throw new OptionError(
        'market',
        `market.manifest.counts.${part} is ${describeValue(declared)} but market.${part} holds ${records.length} records`,
      );
    }
  }
}
