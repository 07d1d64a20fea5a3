/**
 * Line-numbered problems found while reading run and qrels files.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import { describeValue } from '../../util/describe.js';
import { ValidationError, type ValidationIssue } from '../../errors.js';
import { setTableValue, getOwn, type MutableTable } from '../types.js';

/** A {@link ValidationIssue} that also names the line of the file, from 1. */
export interface LineIssue extends ValidationIssue {
  /** Line number in the file, counting from 1. */
  line: number;
}

/** What the readers return: the good lines as a table, the bad ones as issues. */
export interface ParsedTable<T> {
  /** The table built from every good line. */
  table: T;
  /** One issue per bad line (or duplicate), in file order; empty when the file is clean. */
  issues: LineIssue[];
  /**
   * The issues as one {@link ValidationError} (kind `run` or `qrels`) to throw when any bad
   * line should stop the caller; `undefined` when there are none.
   */
  error: ValidationError | undefined;
}

/** The kind of table being read, used in messages and as the ValidationError kind. */
export type TableKind = 'run' | 'qrels';

/** Collects rows into a table, reporting duplicates, and gathers issues. */
export interface TableBuilder {
  add(line: number, qid: string, docid: string, value: number): void;
  issue(issue: LineIssue): void;
  finish<T>(): ParsedTable<T>;
}

/** Creates a {@link TableBuilder} for a run or qrels. */
export function createTableBuilder(kind: TableKind): TableBuilder {
  const table: MutableTable = {};
  const firstLine = new Map<string, number>();
  const issues: LineIssue[] = [];
  return {
    add(line, qid, docid, value) {
      const row = getOwn(table, qid);
      if (row !== undefined && Object.hasOwn(row, docid)) {
        issues.push({
          line,
          recordId: qid,
          path: 'docid',
          code: 'duplicate_document',
          message: `line ${line}: document ${JSON.stringify(docid)} appears again for query ${JSON.stringify(qid)} (first on line ${firstLine.get(`${qid}\u0000${docid}`)}); the first is kept`,
          received: docid,
          expected: `each document at most once per query in a ${kind}`,
        });
        return;
      }
      firstLine.set(`${qid}\u0000${docid}`, line);
      setTableValue(table, qid, docid, value);
    },
    issue(issue) {
      issues.push(issue);
    },
    finish<T>() {
      return {
        table: table as T,
        issues,
        error: issues.length > 0 ? new ValidationError(kind, issues) : undefined,
      };
    },
  };
}

/** Calls `visit(line, lineNumber)` for each line of `text` that is not blank, without its line ending and BOM. */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  let start = 0;
  let lineNumber = 1;
  for (;;) {
    const end = text.indexOf('\n', start);
    let line = end === -1 ? text.slice(start) : text.slice(start, end);
    if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') visit(line, lineNumber);
    if (end === -1) break;
    start = end + 1;
    lineNumber++;
  }
}

/** Whether an id can be written to a whitespace-separated TREC file. */
export function isTrecToken(id: string): boolean {
  return id.length > 0 && !/\s/.test(id);
}

/** Throws an OptionError unless `text` is a string (the readers' input). */
export function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string')
    throw new OptionError(
      'text',
      `expected the file's text as a string, received ${describeValue(text)}`,
    );
}

/**
 * Throws an OptionError unless `table` is a run (finite scores) or qrels (integer judgments)
 * to write: an object of queries, each an object of documents. Names the first bad entry.
 */
export function checkTable(table: unknown, name: 'run' | 'qrels'): void {
  const bad = (path: string, what: unknown, expected: string) =>
    new OptionError(path, `${path} must be ${expected}, received ${describeValue(what)}`);
  if (table === null || typeof table !== 'object' || Array.isArray(table))
    throw bad(name, table, 'an object { qid: { docid: number } }');
  try {
    for (const qid of Object.keys(table)) {
      const row: unknown = (table as Record<string, unknown>)[qid];
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        throw bad(`${name}.${qid}`, row, 'an object { docid: number }');
      for (const docid of Object.keys(row)) {
        const v: unknown = (row as Record<string, unknown>)[docid];
        const ok =
          typeof v === 'number' && (name === 'run' ? Number.isFinite(v) : Number.isInteger(v));
        if (!ok)
          throw bad(
            `${name}.${qid}.${docid}`,
            v,
            name === 'run' ? 'a finite score' : 'an integer judgment',
          );
      }
    }
  } catch (error) {
    if (error instanceof OptionError) throw error;
    throw new OptionError(name, `${name} could not be read: ${describeValue(table)}`);
  }
}
