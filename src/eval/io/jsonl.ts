/**
 * JSON Lines forms of runs (`{"qid","docid","score"}`) and qrels (`{"qid","docid","rel"}`),
 * one object per line.
 *
 * @module
 */
import { compareCodePoints, rankDocuments } from '../ranking.js';
import type { Qrels, Run } from '../types.js';
import {
  createTableBuilder,
  forEachLine,
  type LineIssue,
  type ParsedTable,
  type TableKind,
  checkTable,
  checkText,
} from './issues.js';

/** One line of a JSONL run. */
export interface RunLine {
  qid: string;
  docid: string;
  score: number;
}

/** One line of JSONL qrels. */
export interface QrelsLine {
  qid: string;
  docid: string;
  rel: number;
}

/**
 * Reads a JSONL run: each non-blank line an object with string `qid` and `docid` and a
 * finite number `score` (other keys are ignored). Bad lines are reported with their line
 * number and field; the others are kept.
 */
export function parseRunJsonl(text: string): ParsedTable<Run> {
  checkText(text);
  return parseJsonlTable(text, 'run', 'score');
}

/** Reads JSONL qrels: `qid`, `docid` strings and an integer `rel` on each line. */
export function parseQrelsJsonl(text: string): ParsedTable<Qrels> {
  checkText(text);
  return parseJsonlTable(text, 'qrels', 'rel');
}

/** Writes a run as JSONL, queries in code-point order and documents in trec_eval order. */
export function writeRunJsonl(run: Run): string {
  checkTable(run, 'run');
  const lines: string[] = [];
  for (const qid of Object.keys(run).sort(compareCodePoints)) {
    const results = run[qid]!;
    for (const docid of rankDocuments(results)) {
      const line: RunLine = { qid, docid, score: results[docid]! };
      lines.push(JSON.stringify(line));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Writes qrels as JSONL, queries and documents in code-point order. */
export function writeQrelsJsonl(qrels: Qrels): string {
  checkTable(qrels, 'qrels');
  const lines: string[] = [];
  for (const qid of Object.keys(qrels).sort(compareCodePoints)) {
    const judgments = qrels[qid]!;
    for (const docid of Object.keys(judgments).sort(compareCodePoints)) {
      const line: QrelsLine = { qid, docid, rel: judgments[docid]! };
      lines.push(JSON.stringify(line));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function parseJsonlTable<T>(
  text: string,
  kind: TableKind,
  valueKey: 'score' | 'rel',
): ParsedTable<T> {
  const builder = createTableBuilder(kind);
  forEachLine(text, (line, n) => {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return builder.issue({
        line: n,
        path: '',
        code: 'invalid_json',
        message: `line ${n}: not valid JSON`,
        received: truncate(line),
        expected: 'a JSON object',
      });
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return builder.issue({
        line: n,
        path: '',
        code: 'invalid_type',
        message: `line ${n}: expected a JSON object`,
        received: truncate(line),
        expected: 'a JSON object',
      });
    }
    const record = row as Record<string, unknown>;
    const qid = record['qid'];
    const docid = record['docid'];
    const value = record[valueKey];
    const recordId = typeof qid === 'string' ? qid : undefined;
    const bad = (path: string, expected: string, received: unknown): LineIssue => ({
      line: n,
      recordId,
      path,
      code: received === undefined ? 'missing_field' : 'invalid_type',
      message: `line ${n}: field ${path} ${received === undefined ? 'is missing' : `is ${truncate(JSON.stringify(received))}`}; expected ${expected}`,
      received: received === undefined ? undefined : truncate(JSON.stringify(received)),
      expected,
    });
    if (typeof qid !== 'string' || qid === '')
      return builder.issue(bad('qid', 'a non-empty string', qid));
    if (typeof docid !== 'string' || docid === '')
      return builder.issue(bad('docid', 'a non-empty string', docid));
    const ok =
      valueKey === 'score'
        ? typeof value === 'number' && Number.isFinite(value)
        : Number.isSafeInteger(value);
    if (!ok)
      return builder.issue(
        bad(
          valueKey,
          valueKey === 'score' ? 'a finite number' : 'an integer relevance judgment',
          value,
        ),
      );
    builder.add(n, qid, docid, value as number);
  });
  return builder.finish<T>();
}

/** Longest rendering of a received value kept in an issue. */
const MAX_RECEIVED_LENGTH = 80;

function truncate(text: string): string {
  return text.length > MAX_RECEIVED_LENGTH ? `${text.slice(0, MAX_RECEIVED_LENGTH)}…` : text;
}
