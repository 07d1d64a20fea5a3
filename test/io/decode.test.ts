import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from '../../src/io/decode.js';

/**
 * The lines `ByteLineSplitter` gives for `bytes` cut at `cuts`, as latin1 text: single lines
 * as they are, blocks split at LF with a CRLF's CR dropped where the block says `crlf` (as
 * its contract asks a reader to do).
 */
function split(bytes: Buffer, cuts: number[], blocks: boolean): string[] {
  const lines: string[] = [];
  const splitter = new ByteLineSplitter(
    (line) => lines.push(line.toString('latin1')),
    blocks
      ? (block, crlf) => {
          for (const line of block.toString('latin1').split('\n'))
            lines.push(crlf && line.endsWith('\r') ? line.slice(0, -1) : line);
        }
      : undefined,
  );
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(start, cut));
    start = cut;
  }
  splitter.push(bytes.subarray(start));
  splitter.end();
  return lines;
}

/** The reference: lines end at CRLF, a lone CR or LF; no line after a final ending. */
function reference(bytes: Buffer): string[] {
  const parts = bytes.toString('latin1').split(/\r\n|\r|\n/);
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

describe('ByteLineSplitter', () => {
  const content = fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', ' '), maxLength: 6 });
  const file = (endings: string[]) =>
    fc
      .array(fc.tuple(content, fc.constantFrom(...endings)), { maxLength: 25 })
      .chain((ls) =>
        fc.constantFrom(
          ls.map(([l, e]) => l + e).join(''),
          ls.map(([l, e]) => l + e).join('') + 'tail',
        ),
      )
      .map((text) => Buffer.from(text, 'latin1'));
  const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 6 });

  it('gives the lines at LF, CRLF and lone CR, however the bytes are cut, with or without blocks (property)', () => {
    fc.assert(
      fc.property(file(['\n', '\r\n', '\r']), cuts, (bytes, at) => {
        const want = reference(bytes);
        expect(split(bytes, at, false)).toEqual(want);
        expect(split(bytes, at, true)).toEqual(want);
      }),
    );
  });

  it('hands over blocks of LF and CRLF lines without their endings (property)', () => {
    fc.assert(
      fc.property(file(['\n', '\r\n']), cuts, (bytes, at) => {
        expect(split(bytes, at, true)).toEqual(reference(bytes));
        expect(split(bytes, at, false)).toEqual(reference(bytes));
      }),
    );
  });
});
