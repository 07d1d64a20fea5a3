/**
 * Reading run and qrels files by extension: `.jsonl`/`.ndjson` as JSON Lines, anything
 * else as TREC text.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Qrels, Run } from '../types.js';
import type { LineIssue, ParsedTable } from './issues.js';
import { OptionError } from '../../errors.js';
import { decodeBytes } from '../../io/decode.js';
import { readError } from '../../io/read.js';
import { describeValue } from '../../util/describe.js';
import { parseQrelsJsonl, parseRunJsonl } from './jsonl.js';
import { parseTrecQrels, parseTrecRun } from './trec.js';

/** Extensions read as JSON Lines; every other file is read as TREC text. */
export const JSONL_EXTENSIONS: readonly string[] = ['.jsonl', '.ndjson'];

/** Whether `path` is read as JSON Lines. */
export function isJsonlPath(path: string): boolean {
  return JSONL_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Reads a run file (TREC or JSONL, by extension). Bad lines are in `issues`. */
export async function readRunFile(path: string): Promise<ParsedTable<Run>> {
  const { text, issues } = await readText(path);
  return withIssues(isJsonlPath(path) ? parseRunJsonl(text) : parseTrecRun(text), issues);
}

/** Reads a qrels file (TREC or JSONL, by extension). Bad lines are in `issues`. */
export async function readQrelsFile(path: string): Promise<ParsedTable<Qrels>> {
  const { text, issues } = await readText(path);
  return withIssues(isJsonlPath(path) ? parseQrelsJsonl(text) : parseTrecQrels(text), issues);
}

/**
 * The file's text, decoded strictly as UTF-8: a line that is not valid UTF-8 is left empty and
 * reported (never read as U+FFFD), a GB18030 file is an EncodingError, and a file that cannot
 * be read is a FileError naming it.
 */
async function readText(path: string): Promise<{ text: string; issues: LineIssue[] }> {
  if (typeof path !== 'string' || path === '')
    throw new OptionError(
      'path',
      `path must be a non-empty string, received ${describeValue(path)}`,
    );
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw readError(path, error);
  }
  const decoded = decodeBytes(bytes, 'utf8', path);
  return {
    text: decoded.text,
    issues: decoded.badLines.map((line) => ({
      line,
      recordId: '',
      path: '',
      code: 'invalid_encoding',
      message: decoded.message,
    })),
  };
}

function withIssues<T>(table: ParsedTable<T>, issues: readonly LineIssue[]): ParsedTable<T> {
  if (issues.length === 0) return table;
  return { ...table, issues: [...table.issues, ...issues].sort((a, b) => a.line - b.line) };
}
