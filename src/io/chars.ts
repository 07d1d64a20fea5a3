/**
 * The character codes the byte-level readers and writers of JSON and lines compare and write
 * (ASCII, so the same as UTF-8 bytes and UTF-16 code units): one place for all of them.
 *
 * @module
 */

/** Line feed: a line end, alone or after a CR. */
export const LF = 0x0a;
/** Carriage return: a line end alone, or with the LF after it. */
export const CR = 0x0d;
/** `"`: opens and closes a JSON string. */
export const QUOTE = 0x22;
/** `\`: escapes the next character in a JSON string. */
export const BACKSLASH = 0x5c;
/** `,`: separates JSON elements and members. */
export const COMMA = 0x2c;
/** `[`: opens a JSON array. */
export const OPEN_BRACKET = 0x5b;
/** `]`: closes a JSON array. */
export const CLOSE_BRACKET = 0x5d;
/** `{`: opens a JSON object. */
export const OPEN_BRACE = 0x7b;
/** `}`: closes a JSON object. */
export const CLOSE_BRACE = 0x7d;
/** `0`: the first decimal digit. */
export const DIGIT_ZERO = 0x30;
