/**
 * Standard input as a file argument: `-` wherever a command reads a file (records files,
 * `evaluate --run`/`--qrels`), as Unix tools do. Standard input is read whole, once per run.
 *
 * @module
 */
import type { RecordsEncoding } from '../io/decode.js';
import type { LoadRecordsOptions, LoadResult } from '../io/load.js';
import type { RecordsFormat } from '../io/types.js';
import type { RecordKind } from '../model/enums.js';
import type { RecordByKind } from '../model/types.js';
import type { ProgressReporter } from './progress.js';
import type { CliContext } from './types.js';

/** The file argument that means standard input. */
export const STDIN_PATH = '-';

/** How records read from standard input are parsed when `--input-format` is not given. */
export const STDIN_RECORDS_FORMAT: RecordsFormat = 'jsonl';

/** Whether a file argument names standard input. */
export function isStdin(path: string): boolean {
  return path === STDIN_PATH;
}

/**
 * Reads and validates the records of `path` (standard input when it is `-`, parsed as
 * `options.format`, else JSON Lines), as `loadRecords` does for a file.
 */
export async function loadRecordsArgument<K extends RecordKind>(
  ctx: CliContext,
  kind: K,
  path: string,
  options: LoadRecordsOptions,
): Promise<LoadResult<RecordByKind[K]>> {
  const { loadRecords, validateOwnRows } = await import('../io/load.js');
  if (!isStdin(path)) return loadRecords(kind, path, options);
  const { parseRecordsText } = await import('../io/read.js');
  const bytes = await ctx.readStdin();
  const parsed = parseRecordsText(bytes, options.format ?? STDIN_RECORDS_FORMAT, {
    ...(options.encoding !== undefined ? { encoding: options.encoding as RecordsEncoding } : {}),
  });
  options.onProgress?.(bytes.length, bytes.length, 'read');
  // Rows this command parsed itself: remembered as validated (see validateOwnRows).
  return validateOwnRows(kind, parsed, {
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    ...(options.onProgress
      ? {
          onProgress: (done: number, total: number) =>
            options.onProgress?.(done, total, 'validate'),
        }
      : {}),
  });
}

/**
 * {@link loadRecordsArgument} with the command line's `--encoding` and a progress bar on
 * stderr for each phase: `reading PATH`, then `validating` as `validating` says. A failure
 * leaves the bar where it stood, and the error follows it.
 */
export async function loadRecordsWithProgress<K extends RecordKind>(
  ctx: CliContext,
  kind: K,
  path: string,
  validating: { zh: string; en: string },
  options: { format?: RecordsFormat; ids?: readonly string[] } = {},
): Promise<LoadResult<RecordByKind[K]>> {
  let bar: ProgressReporter | undefined;
  let phase: string | undefined;
  const encoding = ctx.string('encoding');
  const result = await loadRecordsArgument(ctx, kind, path, {
    locale: ctx.locale,
    ...(encoding !== undefined ? { encoding: encoding as RecordsEncoding } : {}),
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    onProgress: (done, total, p) => {
      if (p !== phase) {
        bar?.done();
        phase = p;
        bar = ctx.progress(
          p === 'read' ? { zh: `读取 ${path}`, en: `reading ${path}` } : validating,
          total,
        );
      }
      bar?.update(done);
    },
  });
  // Ended on success only: a failed read leaves its bar as it stands (done() would draw 100%).
  bar?.done();
  return result;
}
