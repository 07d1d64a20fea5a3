/**
 * Describing a value for an error message without ever throwing: BigInt, symbols, null
 * prototypes, throwing getters, Proxies and cycles all get a short, safe description. Every
 * message about a bad input goes through here, so reporting an error cannot become a second
 * error.
 *
 * @module
 */

/** Longest description of a string value (longer strings are cut with `…`). */
export const DESCRIBE_MAX_STRING = 60;

/**
 * A short description of `value`: `"text"` (quoted, control characters escaped, cut at
 * {@link DESCRIBE_MAX_STRING}), numbers and booleans as written, `123n`, `null`, `undefined`,
 * `an array of 3`, `an object`, `a function`, `a symbol`. Never throws.
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string': {
        const cut =
          value.length > DESCRIBE_MAX_STRING ? `${value.slice(0, DESCRIBE_MAX_STRING)}…` : value;
        return `"${escapeControl(cut).replace(/"/g, '\\"')}"`;
      }
      case 'number':
      case 'boolean':
        return String(value);
      case 'bigint':
        return `${value.toString()}n`;
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      default:
        if (value === null) return 'null';
        if (Array.isArray(value)) return `an array of ${value.length}`;
        return 'an object';
    }
  } catch {
    // A revoked Proxy throws even on Array.isArray.
    return 'an unreadable value';
  }
}

/**
 * `text` with every C0/C1 control character, bidi override or isolate, zero-width character
 * and unpaired surrogate written as a `\u{…}` escape, so it cannot move the cursor, recolour
 * the terminal or reorder what a reader sees.
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/**
 * Characters {@link escapeControl} escapes: C0 controls but tab and newline, DEL and C1, zero-width
 * and direction marks (U+200B–U+200F), bidi embeddings and overrides (U+202A–U+202E), invisible
 * operators (U+2060–U+2064), bidi isolates (U+2066–U+2069), the BOM, noncharacters
 * (U+FDD0–U+FDEF, U+FFFE, U+FFFF), tag characters (U+E0000–U+E007F, invisible, used to smuggle
 * text) and unpaired surrogates.
 */
export const UNSAFE = new RegExp(
  // Controls are what this pattern is for.
  // eslint-disable-next-line no-control-regex
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFDD0-\\uFDEF\\uFEFF\\uFFFE\\uFFFF\\uD800-\\uDFFF\\u{E0000}-\\u{E007F}]',
  'gu',
);
