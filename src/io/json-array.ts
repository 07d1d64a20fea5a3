/**
 * A JSON file holding an array of records. Each element is located by a small scanner and
 * parsed on its own, so one malformed element is reported (with the line it starts on) while
 * the others are still read.
 *
 * When an element is malformed so badly that its end cannot be found (a missing `}`, an
 * unterminated string, a stray bracket), the scanner resynchronises on the next line that
 * opens an element at the same indentation or less (`{` as the line's first character) and
 * goes on reading from there; only when no such line exists is the rest of the array left
 * unread, and that is said in the error.
 *
 * @module
 */
import { jsonErrorMessage } from './jsonl.js';
import type { ParsedRecords } from './types.js';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  CR,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './chars.js';

/**
 * Parses a JSON array of records. `lines[i]` is the line where element `i` starts; lines end
 * at LF, CRLF or a lone CR. A top level that is not an array yields one `not_an_array` error
 * and no rows. `endLines`, when given, receives the line each element ends on.
 */
export function parseJsonArray(text: string, endLines?: number[]): ParsedRecords {
  const result: ParsedRecords = { rows: [], lines: [], parseErrors: [] };
  const starts = lineStarts(text);
  const lineOf = (pos: number): number => lineAt(starts, pos);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const skipSpace = (): void => {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  };

  skipSpace();
  if (text.charCodeAt(pos) !== OPEN_BRACKET) {
    result.parseErrors.push({
      line: lineOf(Math.min(pos, text.length)),
      code: 'not_an_array',
      message:
        pos >= text.length
          ? 'the file is empty; expected a JSON array of records'
          : 'expected a JSON array of records ([ {...}, {...} ])',
    });
    return result;
  }
  pos++;
  skipSpace();
  if (text.charCodeAt(pos) === CLOSE_BRACKET) return finish(text, pos + 1, lineOf, result);

  for (;;) {
    skipSpace();
    const start = pos;
    const startLine = lineOf(start);
    const end = scanElement(text, start);
    if (end.kind === 'malformed') {
      const next = resync(text, starts, startLine, start - starts[startLine - 1]!);
      const reason = end.reason;
      if (next.kind === 'element') {
        result.parseErrors.push({
          line: startLine,
          code: 'invalid_json',
          message: `malformed array element (${reason}); reading resumes on line ${lineOf(next.pos)}`,
        });
        pos = next.pos;
        continue;
      }
      if (next.kind === 'close') {
        result.parseErrors.push({
          line: startLine,
          code: 'invalid_json',
          message: `malformed array element (${reason})`,
        });
        return finish(text, next.pos + 1, lineOf, result);
      }
      result.parseErrors.push({
        line: startLine,
        code: 'invalid_json',
        message: `malformed array element (${reason}); no later element could be found, so the rest of the file (lines ${startLine}–${lineOf(text.length)}) was not read`,
      });
      return result;
    }
    pos = end.pos;
    const slice = text.slice(start, pos);
    try {
      const row: unknown = JSON.parse(slice);
      result.rows.push(row);
      result.lines.push(startLine);
      endLines?.push(lineOf(Math.max(start, pos - 1)));
    } catch (error) {
      result.parseErrors.push({
        line: startLine,
        code: 'invalid_json',
        message:
          slice.trim() === ''
            ? 'empty array element'
            : `not valid JSON: ${jsonErrorMessage(error)}`,
      });
    }
    const c = text.charCodeAt(pos);
    pos++;
    if (c === CLOSE_BRACKET) return finish(text, pos, lineOf, result);
  }
}

type ScanEnd = { kind: 'end'; pos: number } | { kind: 'malformed'; reason: string };

/**
 * Finds the `,` or `]` that ends the element starting at `start`, with matched brackets.
 * Strings cannot span lines in JSON, so an unterminated string is caught at its line end.
 */
function scanElement(text: string, start: number): ScanEnd {
  const stack: number[] = [];
  let inString = false;
  for (let pos = start; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (inString) {
      if (c === BACKSLASH) pos++;
      else if (c === QUOTE) inString = false;
      else if (c === LF || c === CR) return { kind: 'malformed', reason: 'unterminated string' };
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) stack.push(c);
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      const open = stack.pop();
      if (open === undefined) {
        if (c === CLOSE_BRACKET) return { kind: 'end', pos };
        return { kind: 'malformed', reason: "unexpected '}'" };
      }
      if ((open === OPEN_BRACE) !== (c === CLOSE_BRACE))
        return {
          kind: 'malformed',
          reason: `'${String.fromCharCode(c)}' closes '${String.fromCharCode(open)}'`,
        };
    } else if (c === COMMA && stack.length === 0) return { kind: 'end', pos };
  }
  return {
    kind: 'malformed',
    reason: inString ? 'unterminated string' : 'the array or this element is never closed',
  };
}

type Resync = { kind: 'element'; pos: number } | { kind: 'close'; pos: number } | { kind: 'none' };

/**
 * The next line after `afterLine` whose first non-blank character opens an element (`{`) or
 * closes the array (`]`, alone on its line) at column `column` or less.
 */
function resync(
  text: string,
  starts: readonly number[],
  afterLine: number,
  column: number,
): Resync {
  for (let line = afterLine + 1; line <= starts.length; line++) {
    let pos = starts[line - 1]!;
    const lineStart = pos;
    while (pos < text.length && (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09))
      pos++;
    if (pos - lineStart > column) continue;
    const c = text.charCodeAt(pos);
    if (c === OPEN_BRACE) return { kind: 'element', pos };
    if (c === CLOSE_BRACKET) {
      let after = pos + 1;
      while (after < text.length && isSpace(text.charCodeAt(after))) after++;
      if (after === text.length) return { kind: 'close', pos };
    }
  }
  return { kind: 'none' };
}

/** Checks that only whitespace follows the closing bracket. */
function finish(
  text: string,
  from: number,
  lineOf: (pos: number) => number,
  result: ParsedRecords,
): ParsedRecords {
  for (let pos = from; pos < text.length; pos++) {
    if (!isSpace(text.charCodeAt(pos))) {
      result.parseErrors.push({
        line: lineOf(pos),
        code: 'invalid_json',
        message: 'unexpected text after the closing ] of the array',
      });
      break;
    }
  }
  return result;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR;
}

/** Offsets where each line starts; lines end at LF, CRLF or a lone CR. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) starts.push(i + 1);
    else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line (from 1) holding offset `pos`. */
export function lineAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
