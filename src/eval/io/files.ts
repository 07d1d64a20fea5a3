/**
 * Reading run and qrels files by extension: `.jsonl`/`.ndjson` as JSON Lines, anything
 * else as TREC text.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Qrels, Run } from '../types.js';
import type { ParsedTable } from './issues.js';
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
  const text = await readFile(path, 'utf8');
  return isJsonlPath(path) ? parseRunJsonl(text) : parseTrecRun(text);
}

/** Reads a qrels file (TREC or JSONL, by extension). Bad lines are in `issues`. */
export async function readQrelsFile(path: string): Promise<ParsedTable<Qrels>> {
  const text = await readFile(path, 'utf8');
  return isJsonlPath(path) ? parseQrelsJsonl(text) : parseTrecQrels(text);
}
