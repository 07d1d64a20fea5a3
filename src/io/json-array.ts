/**
 * A JSON file holding an array of records. Each element is located by a small scanner and
 * parsed on its own, so one malformed element is reported (with the line it starts on) while
 * the others are still read.
 *
 * @module
 */
import { jsonErrorMessage } from './jsonl.js';
import type { ParsedRecords } from './types.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Parses a JSON array of records. `lines[i]` is the line where element `i` starts.
 * A top level that is not an array yields one `not_an_array` error and no rows.
 */
export function parseJsonArray(text: string): ParsedRecords {
  const result: ParsedRecords = { rows: [], lines: [], parseErrors: [] };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === NEWLINE) line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
      pos++;
    }
  };

  skipSpace();
  if (text.charCodeAt(pos) !== OPEN_BRACKET) {
    result.parseErrors.push({
      line,
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
  if (text.charCodeAt(pos) === CLOSE_BRACKET) return finish(text, pos + 1, line, result);

  for (;;) {
    skipSpace();
    const startLine = line;
    const start = pos;
    // Scan to the comma or bracket that ends this element at depth 0.
    let depth = 0;
    let inString = false;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === NEWLINE) line++;
      if (inString) {
        if (c === BACKSLASH) pos++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
      else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        if (depth === 0) break;
        depth--;
      } else if (c === COMMA && depth === 0) break;
      pos++;
    }
    const slice = text.slice(start, pos);
    if (pos >= text.length) {
      result.parseErrors.push({
        line: startLine,
        code: 'invalid_json',
        message: 'unexpected end of file: the array (or this element) is never closed',
      });
      return result;
    }
    try {
      result.rows.push(JSON.parse(slice));
      result.lines.push(startLine);
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
    if (c === CLOSE_BRACKET) return finish(text, pos, line, result);
    if (c === CLOSE_BRACE) {
      result.parseErrors.push({
        line,
        code: 'invalid_json',
        message: "unexpected '}' where an array element or ']' was expected",
      });
      return result;
    }
  }
}

/** Checks that only whitespace follows the closing bracket. */
function finish(text: string, from: number, line: number, result: ParsedRecords): ParsedRecords {
  let current = line;
  for (let pos = from; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === NEWLINE) current++;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      result.parseErrors.push({
        line: current,
        code: 'invalid_json',
        message: 'unexpected text after the closing ] of the array',
      });
      break;
    }
  }
  return result;
}
