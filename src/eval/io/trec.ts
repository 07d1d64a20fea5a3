/**
 * TREC text formats: runs (`qid Q0 docid rank score tag`) and qrels (`qid 0 docid rel`),
 * whitespace-separated, one line per document.
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../../errors.js';
import { compareCodePoints, rankDocuments } from '../ranking.js';
import type { Qrels, Run } from '../types.js';
import {
  createTableBuilder,
  forEachLine,
  isTrecToken,
  type LineIssue,
  type ParsedTable,
  checkTable,
  checkText,
} from './issues.js';

/** The fields of a TREC run line, in order. */
export const TREC_RUN_FIELDS = ['qid', 'iter', 'docid', 'rank', 'score', 'tag'] as const;
/** The fields of a TREC qrels line, in order. */
export const TREC_QRELS_FIELDS = ['qid', 'iter', 'docid', 'rel'] as const;

/** Run tag written by {@link writeTrecRun} when none is given. */
export const DEFAULT_RUN_TAG = 'finmatch';

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_PATTERN = /^[+-]?\d+$/;

/**
 * Reads a TREC run. Each non-blank line must have exactly six whitespace-separated fields;
 * the score must be a finite decimal number. The `iter` (`Q0`) and `rank` columns are
 * ignored, as trec_eval ignores them: order comes from the scores. Lines starting with
 * `#` are comments. A bad line is reported with its line number, field and what was
 * expected, and the other lines are kept; a document repeated within a query is reported
 * and its first line kept (trec_eval refuses such a run).
 */
export function parseTrecRun(text: string): ParsedTable<Run> & { tags: string[] } {
  checkText(text);
  const builder = createTableBuilder('run');
  const tags = new Set<string>();
  forEachLine(text, (line, n) => {
    if (line.trimStart().startsWith('#')) return;
    const fields = line.trim().split(/\s+/);
    const issue = checkFieldCount(fields, TREC_RUN_FIELDS, n, 'run');
    if (issue) return builder.issue(issue);
    const [qid, , docid, , scoreText, tag] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const score = NUMBER_PATTERN.test(scoreText) ? Number(scoreText) : Number.NaN;
    if (!Number.isFinite(score)) {
      return builder.issue(
        fieldIssue(n, qid, 'score', scoreText, 'a finite decimal number', 'invalid_number'),
      );
    }
    tags.add(tag);
    builder.add(n, qid, docid, score);
  });
  return { ...builder.finish<Run>(), tags: [...tags] };
}

/**
 * Reads TREC qrels. Each non-blank line must have exactly four fields; the relevance must
 * be an integer (negative values are allowed and are non-relevant). Lines starting with `#`
 * are comments, as in trec_eval. Bad lines and duplicates are reported as in
 * {@link parseTrecRun}.
 */
export function parseTrecQrels(text: string): ParsedTable<Qrels> {
  checkText(text);
  const builder = createTableBuilder('qrels');
  forEachLine(text, (line, n) => {
    if (line.trimStart().startsWith('#')) return;
    const fields = line.trim().split(/\s+/);
    const issue = checkFieldCount(fields, TREC_QRELS_FIELDS, n, 'qrels');
    if (issue) return builder.issue(issue);
    const [qid, , docid, relText] = fields as [string, string, string, string];
    const rel = INTEGER_PATTERN.test(relText) ? Number(relText) : Number.NaN;
    if (!Number.isSafeInteger(rel)) {
      return builder.issue(
        fieldIssue(n, qid, 'rel', relText, 'an integer relevance judgment', 'invalid_integer'),
      );
    }
    builder.add(n, qid, docid, rel);
  });
  return builder.finish<Qrels>();
}

/** Options of {@link writeTrecRun}. */
export interface WriteTrecRunOptions {
  /** Run tag in the last column. Default {@link DEFAULT_RUN_TAG}. */
  tag?: string;
}

/**
 * Writes a run as TREC text: queries in code-point order of their ids, each query's
 * documents in trec_eval order with ranks from 1. Scores are written so they read back
 * exactly.
 *
 * @throws A {@link ValidationError} when an id or the tag is empty or contains whitespace.
 */
export function writeTrecRun(run: Run, options: WriteTrecRunOptions = {}): string {
  checkTable(run, 'run');
  const tag = options.tag ?? DEFAULT_RUN_TAG;
  checkTokens('run', [['tag', tag]]);
  const lines: string[] = [];
  for (const qid of Object.keys(run).sort(compareCodePoints)) {
    const results = run[qid]!;
    const ranked = rankDocuments(results);
    checkTokens('run', [['qid', qid], ...ranked.map((d): [string, string] => ['docid', d])]);
    ranked.forEach((docid, i) =>
      lines.push(`${qid} Q0 ${docid} ${i + 1} ${String(results[docid])} ${tag}`),
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Writes qrels as TREC text (`qid 0 docid rel`), queries and documents in code-point order.
 *
 * @throws A {@link ValidationError} when an id is empty or contains whitespace.
 */
export function writeTrecQrels(qrels: Qrels): string {
  checkTable(qrels, 'qrels');
  const lines: string[] = [];
  for (const qid of Object.keys(qrels).sort(compareCodePoints)) {
    const judgments = qrels[qid]!;
    const docids = Object.keys(judgments).sort(compareCodePoints);
    checkTokens('qrels', [['qid', qid], ...docids.map((d): [string, string] => ['docid', d])]);
    for (const docid of docids) lines.push(`${qid} 0 ${docid} ${String(judgments[docid])}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function checkFieldCount(
  fields: readonly string[],
  names: readonly string[],
  line: number,
  kind: string,
): LineIssue | undefined {
  if (fields.length === names.length) return undefined;
  const layout = names.join(' ');
  if (fields.length < names.length) {
    const missing = names[fields.length]!;
    return {
      line,
      recordId: fields[0],
      path: missing,
      code: 'missing_field',
      message: `line ${line}: ${kind} line has ${fields.length} field${fields.length === 1 ? '' : 's'}, field ${missing} is missing; expected "${layout}"`,
      received: fields.join(' '),
      expected: `${names.length} fields: ${layout}`,
    };
  }
  return {
    line,
    recordId: fields[0],
    path: '',
    code: 'too_many_fields',
    message: `line ${line}: ${kind} line has ${fields.length} fields; expected ${names.length}: "${layout}" (ids cannot contain whitespace)`,
    received: fields.join(' '),
    expected: `${names.length} fields: ${layout}`,
  };
}

function fieldIssue(
  line: number,
  qid: string,
  field: string,
  received: string,
  expected: string,
  code: string,
): LineIssue {
  return {
    line,
    recordId: qid,
    path: field,
    code,
    message: `line ${line}: field ${field} is ${JSON.stringify(received)}; expected ${expected}`,
    received,
    expected,
  };
}

function checkTokens(kind: string, tokens: readonly (readonly [string, string])[]): void {
  const issues: ValidationIssue[] = [];
  for (const [field, value] of tokens) {
    if (!isTrecToken(value)) {
      issues.push({
        path: field,
        code: 'invalid_token',
        message: `${field} ${JSON.stringify(value)} cannot be written to a TREC file`,
        received: value,
        expected: 'a non-empty id without whitespace',
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(kind, issues);
}
