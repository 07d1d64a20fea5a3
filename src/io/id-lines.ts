/**
 * Reading only the records with given ids (`loadRecords(kind, path, { ids })`, the command
 * line's `--id`): which lines of a UTF-8 JSON Lines file may hold one is decided on the
 * bytes, so the others are neither decoded nor parsed, and which parsed rows are one is
 * decided on their id as validation will leave it.
 *
 * A record's validated id is its JSON string unescaped and in NFC (`normalizeField`; a
 * numeric id is reported as its string: see `IdFilter`). A line whose bytes hold no backslash
 * (no escape can spell an id) and only characters of `NFC_SAFE_RANGES` (those validation
 * takes for plain text: none of which NFC changes, composes with the character before or
 * reorders) holds its id's characters as they are, so it can hold a wanted record only if
 * its bytes hold that id's UTF-8 bytes. Any other line may hold one and is read. At seed
 * scale (Chinese names and text) ≈ 0.4 % of the lines have a backslash and are read anyway;
 * the others are skipped unless they hold a wanted id's bytes.
 *
 * When every wanted id is ASCII (platform ids are: `ent-000001`), a block of lines that is
 * well-formed UTF-8 (`isUtf8`, one native pass) needs no check of its characters line by
 * line. A string whose NFC is an ASCII id is ASCII itself but for characters whose canonical
 * decomposition is ASCII alone and made of the id's characters ({@link ASCII_SPELLINGS}:
 * U+037E `;`, U+1FEF `` ` ``, U+212A `K`): NFC composes only into characters beyond ASCII,
 * and a mark or another character beyond ASCII would stay in it. So a well-formed line may
 * hold a wanted record only if it holds a wanted id's bytes, a backslash or such a character,
 * each found by a native search over the block (one hit per line); the others are skipped
 * without a per-byte loop. A line starting with a byte order mark is read too: the first
 * line is decoded without it, and a first line of ASCII after it must not count as text
 * beyond ASCII for the check that a UTF-8 file is not GB18030 (`LineDecoder.checkWhole`).
 *
 * @module
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { readId } from '../model/parse.js';
import { NFC_SAFE_RANGES, isAsciiText } from '../model/text-rules.js';
import { LF, CR } from './chars.js';

const BACKSLASH = 0x5c;

/** What {@link plainUtf8} finds in a range of bytes. */
export const NOT_PLAIN = 0;
/** Plain, and ASCII alone. */
export const PLAIN_ASCII = 1;
/** Plain, with characters beyond ASCII (so well-formed UTF-8 that is not ASCII). */
export const PLAIN_WIDE = 2;

/**
 * {@link NFC_SAFE_RANGES} as a bitmap over the Basic Multilingual Plane (8 KB; ≈ 21,000 bits
 * set at import, ≈ 0.05 ms).
 */
const SAFE_BMP = new Uint8Array(0x10000 >>> 3);
for (const [lo, hi] of NFC_SAFE_RANGES)
  for (let cp = lo; cp <= Math.min(hi, 0xffff); cp++) SAFE_BMP[cp >>> 3]! |= 1 << (cp & 7);

/** Whether code point `cp` (of the Basic Multilingual Plane) is in {@link NFC_SAFE_RANGES}. */
function nfcSafe(cp: number): boolean {
  return (SAFE_BMP[cp >>> 3]! & (1 << (cp & 7))) !== 0;
}

/**
 * Per lead byte of a 3-byte sequence (E0–EF): 1 when every code point it can start is in one
 * of {@link NFC_SAFE_RANGES} (E5–E9, U+5000–U+9FFF: ideographs), so the sequence needs only
 * its continuation bytes checked.
 */
const SAFE_LEAD = Uint8Array.from({ length: 256 }, (_, b) => {
  if (b < 0xe0 || b > 0xef) return 0;
  const lo = (b & 0x0f) << 12;
  return NFC_SAFE_RANGES.some(([from, to]) => lo >= from && lo + 0xfff <= to) ? 1 : 0;
});

/**
 * Whether `bytes[start, end)` is plain UTF-8 — ASCII but the backslash, and well-formed
 * sequences of characters in {@link NFC_SAFE_RANGES} — and whether it is ASCII alone:
 * {@link NOT_PLAIN} (another character, a malformed sequence), {@link PLAIN_ASCII} or
 * {@link PLAIN_WIDE}. One pass over the bytes, an ideograph's three bytes at a time.
 */
export function plainUtf8(bytes: Uint8Array, start: number, end: number): number {
  let kind = PLAIN_ASCII;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === BACKSLASH) return NOT_PLAIN;
      i++;
      continue;
    }
    if (b < 0xc2 || b > 0xef) return NOT_PLAIN;
    kind = PLAIN_WIDE;
    const c1 = bytes[i + 1]! ^ 0x80;
    if (i + 1 >= end || c1 >= 0x40) return NOT_PLAIN;
    if (b < 0xe0) {
      if (!nfcSafe(((b & 0x1f) << 6) | c1)) return NOT_PLAIN;
      i += 2;
      continue;
    }
    const c2 = bytes[i + 2]! ^ 0x80;
    // E0 with a second byte below A0 is an overlong form of a shorter sequence.
    if (i + 2 >= end || c2 >= 0x40 || (b === 0xe0 && c1 < 0x20)) return NOT_PLAIN;
    if (SAFE_LEAD[b] === 0 && !nfcSafe(((b & 0x0f) << 12) | (c1 << 6) | c2)) return NOT_PLAIN;
    i += 3;
  }
  return kind;
}

const BACKSLASH_BYTES = Buffer.from([BACKSLASH]);

/**
 * The characters beyond ASCII whose canonical decomposition is ASCII alone, so that NFC reads
 * them as ASCII: U+037E GREEK QUESTION MARK (`;`), U+1FEF GREEK VARIA (`` ` ``) and U+212A
 * KELVIN SIGN (`K`), the singletons of the Unicode Character Database (UnicodeData.txt) that
 * map to ASCII. Validation normalises with the platform's ICU, so
 * test/io/id-lines.test.ts derives this list from every code point on the platform it runs on.
 */
export const ASCII_SPELLINGS: readonly string[] = ['\u037E', '\u1FEF', '\u212A'];

/** Whether `bytes[at, at + 3)`, within `end`, is a byte order mark (U+FEFF). */
function bomAt(bytes: Uint8Array, at: number, end: number): boolean {
  return at + 3 <= end && bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

/**
 * The {@link ASCII_SPELLINGS} that can be part of a string whose NFC is one of `ids` (ASCII):
 * those whose decomposition is made of one id's characters.
 */
function spellingsOf(ids: Iterable<string>): string[] {
  const sets = [...ids].map((id) => new Set(id));
  return ASCII_SPELLINGS.filter((char) =>
    sets.some((chars) => [...char.normalize('NFD')].every((c) => chars.has(c))),
  );
}

/**
 * The start of every line of `block` (lines end at LF) holding `needle`, ascending: the
 * search resumes at the next line after a hit, so a line holding many (a file of escaped
 * text holds a backslash per character) costs one.
 */
function linesHolding(block: Buffer, needle: Buffer, into: number[]): void {
  for (let at = block.indexOf(needle); at >= 0;) {
    into.push(at);
    const lf = block.indexOf(LF, at + needle.length);
    if (lf < 0) return;
    at = block.indexOf(needle, lf + 1);
  }
}

/**
 * The wanted ids of one read: which lines may hold one (on bytes) and which parsed rows are
 * one (on their id as validation normalises it).
 */
export class IdFilter {
  /** The ids, as validation leaves them. */
  readonly ids: ReadonlySet<string>;
  /** Each id's UTF-8 bytes. */
  private readonly needles: Buffer[];
  /**
   * Some id reads as a number (`123`): a record's numeric id (`1.23e2`) is reported under its
   * string, which its line need not hold, so every line is read.
   */
  private readonly readsAll: boolean;
  /**
   * Every id is ASCII: a well-formed line is read when it holds an id's bytes or one of these
   * (a backslash, an {@link ASCII_SPELLINGS} character made of an id's characters), or starts
   * with a byte order mark.
   */
  private readonly triggers: readonly Buffer[] | null;

  constructor(ids: readonly string[]) {
    this.ids = new Set(ids);
    this.needles = [...this.ids].map((id) => Buffer.from(id, 'utf8'));
    this.readsAll = [...this.ids].some((id) => String(Number(id)) === id);
    this.triggers =
      !this.readsAll && [...this.ids].every(isAsciiText)
        ? [BACKSLASH_BYTES, ...spellingsOf(this.ids).map((c) => Buffer.from(c, 'utf8'))]
        : null;
  }

  /**
   * Whether `row` (parsed, not validated) is a record with a wanted id: its id as reports name
   * it (`readId`: NFC, a finite number as its string).
   */
  wants(row: unknown): boolean {
    const id = readId(row);
    return id !== undefined && this.ids.has(id);
  }

  /**
   * Whether a line that could not be read names a wanted id, by its text, or its bytes when
   * they could not be decoded: a lookup reports such lines (and no other unreadable line).
   */
  names(line: string | Uint8Array): boolean {
    if (typeof line === 'string') {
      for (const id of this.ids) if (line.includes(id)) return true;
      return false;
    }
    const buffer = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
    return this.needles.some((needle) => buffer.includes(needle));
  }

  /**
   * Whether the line `bytes` (UTF-8, without its ending: no LF in it) may hold a record with a
   * wanted id: true, or {@link PLAIN_ASCII} / {@link PLAIN_WIDE} (it may not; the kind of its
   * text).
   */
  mayHold(bytes: Uint8Array): true | number {
    // One line is a block of one: the same rule as {@link IdFilter.linesOf}, written once.
    const line = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let read = false;
    const { skippedWide } = this.linesOf(line, false, () => {
      read = true;
    });
    return read ? true : skippedWide ? PLAIN_WIDE : PLAIN_ASCII;
  }

  /**
   * The lines of `block` (whole UTF-8 lines joined by LF; with `crlf`, a line may end with the
   * CR of its CRLF) that may hold a record with a wanted id: calls `onLine(index, start, end)`
   * for each, in order, with its index in the block and its bytes' range (without its ending).
   * Returns how many lines the block has and whether a line skipped held characters beyond
   * ASCII (well-formed UTF-8, as every skipped line is). Each needle is searched for over the
   * block natively, once per line holding it.
   */
  linesOf(
    block: Buffer,
    crlf: boolean,
    onLine: (index: number, start: number, end: number) => void,
  ): { lines: number; skippedWide: boolean } {
    // ASCII ids: a well-formed line is read when it holds a trigger; the block's lines are
    // known well-formed at once when the block is.
    const triggers = this.triggers;
    const wellFormed = triggers !== null && isUtf8(block);
    const hits: number[] = [];
    for (const needle of triggers ? [...this.needles, ...triggers] : this.needles)
      linesHolding(block, needle, hits);
    hits.sort((a, b) => a - b);
    let h = 0;
    let index = 0;
    let start = 0;
    let skippedWide = false;
    // Whether a skipped line may be wide: known false for an ASCII block.
    let wideUnknown = triggers !== null && !isAscii(block);
    for (;;) {
      const lf = block.indexOf(LF, start);
      const stop = lf < 0 ? block.length : lf;
      const end = crlf && stop > start && block[stop - 1] === CR ? stop - 1 : stop;
      while (h < hits.length && hits[h]! < start) h++;
      if (this.readsAll || (h < hits.length && hits[h]! < end)) onLine(index, start, end);
      else if (triggers !== null) {
        if (bomAt(block, start, end) || (!wellFormed && !isUtf8(block.subarray(start, end))))
          onLine(index, start, end);
        else if (wideUnknown && !isAscii(block.subarray(start, end))) {
          skippedWide = true;
          wideUnknown = false;
        }
      } else {
        const kind = plainUtf8(block, start, end);
        if (kind === NOT_PLAIN) onLine(index, start, end);
        else if (kind === PLAIN_WIDE) skippedWide = true;
      }
      index++;
      if (lf < 0) return { lines: index, skippedWide };
      start = lf + 1;
    }
  }
}
