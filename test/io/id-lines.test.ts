import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NFC_SAFE_RANGES } from '../../src/model/text-rules.js';
import {
  ASCII_SPELLINGS,
  IdFilter,
  NOT_PLAIN,
  PLAIN_ASCII,
  PLAIN_WIDE,
  plainUtf8,
} from '../../src/io/id-lines.js';

const inSafeRanges = (cp: number) => NFC_SAFE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
/** The rule plainUtf8 implements, on text. */
const plainText = (s: string) =>
  [...s].every((c) => {
    const cp = c.codePointAt(0)!;
    return cp < 0x80 ? c !== '\\' : inSafeRanges(cp);
  });

describe('plainUtf8', () => {
  const alphabet = fc.constantFrom(
    'a',
    '"',
    ':',
    '{',
    '1',
    ' ',
    '\\',
    '专',
    '精',
    '㐀',
    '，',
    '（',
    '·',
    'é',
    '—',
    '　',
    '〪',
    '\u2000',
    '\u0301',
    'e\u0301',
    '\u212b',
    '\uf900',
    '가',
    '\u1161',
    'α',
    '😀',
    '\u0080',
    '\u00a0',
  );
  const text = fc.array(alphabet, { maxLength: 20 }).map((cs) => cs.join(''));

  it('is the plain-text rule on the text’s UTF-8 bytes, and plain text is in NFC (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const bytes = Buffer.from(s, 'utf8');
        const kind = plainUtf8(bytes, 0, bytes.length);
        expect(kind).toBe(
          !plainText(s) ? NOT_PLAIN : bytes.length === s.length ? PLAIN_ASCII : PLAIN_WIDE,
        );
        if (plainText(s)) expect(s.normalize('NFC')).toBe(s);
      }),
    );
  });

  it('reads only the range it is given, and calls malformed or cut sequences not plain', () => {
    const bytes = Buffer.from('ab\\专cd', 'utf8');
    expect(plainUtf8(bytes, 0, 2)).toBe(PLAIN_ASCII);
    expect(plainUtf8(bytes, 0, 3)).toBe(NOT_PLAIN);
    expect(plainUtf8(bytes, 3, bytes.length)).toBe(PLAIN_WIDE);
    // The ideograph cut by the range's end.
    expect(plainUtf8(bytes, 3, 5)).toBe(NOT_PLAIN);
    for (const b of [[0x80], [0xe4, 0xb8], [0xe4, 0x41, 0x41], [0xc0, 0xaf], [0xff], [0xc2, 0x85]])
      expect(plainUtf8(Buffer.from(b), 0, b.length)).toBe(NOT_PLAIN);
  });
});

/**
 * Checks that `filter.linesOf` reads exactly the lines `read` (by index, with their text) of
 * `lines` joined into a block, with LF and with CRLF endings, counts them all and says whether
 * a skipped line was wide.
 */
function expectLinesRead(filter: IdFilter, lines: string[], read: number[], wide: boolean) {
  for (const crlf of [false, true]) {
    const block = Buffer.from(lines.join(crlf ? '\r\n' : '\n'), 'utf8');
    const seen: [number, string][] = [];
    const { lines: count, skippedWide } = filter.linesOf(block, crlf, (index, start, end) =>
      seen.push([index, block.subarray(start, end).toString('utf8')]),
    );
    expect(count).toBe(lines.length);
    expect(skippedWide).toBe(wide);
    expect(seen).toEqual(read.map((i) => [i, lines[i]]));
  }
}

describe('IdFilter', () => {
  it('wants rows whose id, as validation leaves it (NFC), is one of the ids', () => {
    const filter = new IdFilter(['E1', 'caf\u00e9']);
    expect(filter.wants({ id: 'E1' })).toBe(true);
    expect(filter.wants({ id: 'cafe\u0301' })).toBe(true);
    for (const row of [{ id: 'E2' }, { id: 1 }, {}, null, 'E1', ['E1']])
      expect(filter.wants(row)).toBe(false);
  });

  it('lists the lines of a block that name an id or are not plain, and counts them all', () => {
    const filter = new IdFilter(['E7', '企业-1']);
    const lines = [
      '{"id":"E1","name":"南京智造"}',
      '{"id":"E7"}',
      '{"id":"E2","note":"see E7"}',
      '{"id":"E\\u0037"}',
      '{"id":"企业-1"}',
      '{"id":"E3","name":"cafe\u0301"}',
      '',
      '{"id":"E4"}',
    ];
    // Line 0 (Chinese, plain) is skipped: the file has valid text beyond ASCII.
    expectLinesRead(filter, lines, [1, 2, 3, 4, 5], true);
    expect(filter.mayHold(Buffer.from(lines[0]!))).toBe(PLAIN_WIDE);
    expect(filter.mayHold(Buffer.from(lines[7]!))).toBe(PLAIN_ASCII);
    expect(filter.mayHold(Buffer.from(lines[4]!))).toBe(true);
    expect(filter.mayHold(Buffer.from(lines[5]!))).toBe(true);
  });

  it('with ASCII ids, reads a well-formed line only for an id, a backslash, a leading BOM or a character NFC reads as the ids’ characters', () => {
    const filter = new IdFilter(['EK', 'E7', 'a;b']);
    const lines = [
      '{"id":"E1","name":"南京智造","t":"café ☃ 😀 \u0301"}',
      '{"id":"E7"}',
      '{"id":"E\u212A"}',
      '{"id":"E\\u004B"}',
      '\uFEFF{"id":"E2"}',
      '{"id":"a\u037Eb"}',
      // U+1FEF reads as a backtick, which no id holds; a BOM inside a line is text.
      '{"id":"E3","t":"\u1FEF \uFEFF"}',
      '{"id":"E4","t":"cafe\u0301 α"}',
      '{"id":"E5"}',
    ];
    expectLinesRead(filter, lines, [1, 2, 3, 4, 5], true);
    for (const [i, line] of lines.entries())
      expect(filter.mayHold(Buffer.from(line))).toBe(
        i >= 1 && i <= 5 ? true : i === 8 ? PLAIN_ASCII : PLAIN_WIDE,
      );
    // An ASCII block skips no wide line. In a block with malformed bytes, the malformed line is
    // read and a well-formed one decided as in any block (as it is alone: `mayHold`).
    expect(filter.linesOf(Buffer.from('{"id":"E5"}\n{}'), false, () => {}).skippedWide).toBe(false);
    const malformed = Buffer.concat([Buffer.from(lines[7]!), Buffer.from([0x0a, 0x80])]);
    const read: number[] = [];
    expect(filter.linesOf(malformed, false, (index) => read.push(index)).skippedWide).toBe(true);
    expect(read).toEqual([1]);
    expect(filter.mayHold(Buffer.from([0x80]))).toBe(true);
  });

  it('knows every character NFC reads as ASCII, on this platform’s Unicode data', () => {
    const spelled: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      const nfd = char.normalize('NFD');
      if (nfd !== char && /^\p{ASCII}*$/u.test(nfd)) spelled.push(char);
    }
    expect(ASCII_SPELLINGS).toEqual(spelled);
  });

  it('reads a line holding many backslashes once, however many it holds', () => {
    const filter = new IdFilter(['E1']);
    const escaped = JSON.stringify({ id: 'E2', t: '南京'.repeat(500) }).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const block = Buffer.from(Array.from({ length: 3 }, () => escaped).join('\n'));
    const seen: number[] = [];
    filter.linesOf(block, false, (index) => seen.push(index));
    expect(seen).toEqual([0, 1, 2]);
  });
});
