/**
 * What the examples share: where the generated market is and its evaluation date.
 *
 * Generate it first: `node dist/cli.cjs generate --out data/small` (or `npx finmatch …`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecords, type LoadResult, type RecordByKind, type RecordKind } from '../src/index.js';

/** The data directory: the first command-line argument, default `data/small`. */
export const DATA_DIR = process.argv[2] ?? 'data/small';

/** The evaluation date `finmatch generate` wrote to `manifest.json` (reproducible rankings). */
export function manifestAsOf(dir: string = DATA_DIR): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { asOf: string };
  return manifest.asOf;
}

/**
 * Loads one records file of the market; bad lines are printed (line, id, field, message) and
 * skipped, as a platform import job would.
 */
export async function load<K extends RecordKind>(
  kind: K,
  file: string,
): Promise<LoadResult<RecordByKind[K]>> {
  const result = await loadRecords(kind, join(DATA_DIR, file), { locale: 'zh' });
  for (const error of result.errors)
    for (const issue of error.issues)
      console.error(`${file}:${error.line} ${error.id ?? '—'} ${issue.path}: ${issue.message}`);
  return result;
}
