import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JsonlRenderer, MAX_NUMBER_TEXT } from '../../src/batch/sweep-output.js';

/** The lines `JSON.stringify` writes for the same results: what the renderer must equal byte for byte. */
function byStringify(
  ids: readonly string[],
  productIds: readonly string[],
  factorNames: readonly string[],
  offsets: Uint32Array,
  products: Int32Array,
  scores: Float64Array,
  contributions: Float64Array | undefined,
): string {
  const nF = factorNames.length;
  let text = '';
  for (let i = 0; i < ids.length; i++) {
    const matches = [];
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const match: Record<string, unknown> = {
        productId: productIds[products[p]!],
        score: scores[p],
        rank: p - offsets[i]! + 1,
      };
      if (contributions)
        match.contributions = Object.fromEntries(
          factorNames.map((name, f) => [name, contributions[p * nF + f]]),
        );
      matches.push(match);
    }
    text += `${JSON.stringify({ enterpriseId: ids[i], matches })}\n`;
  }
  return text;
}

/** Finite doubles, the awkward ones often: −0, subnormals, the largest, long and short texts. */
const score = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    -0,
    0,
    1,
    0.1,
    5e-324,
    -1.7976931348623157e308,
    -2.2250738585072014e-308,
    1e21,
    1e-7,
    0.30000000000000004,
    -0.0000015386607685950988, // the longest text a double has: 25 characters
  ),
);
const id = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('ent-000001', '企业-北京海淀', 'a"b\\c', 'tab\there', '\u2028', '😀x'),
);

describe('JsonlRenderer', () => {
  test('MAX_NUMBER_TEXT bounds the text of every double', () => {
    expect(String(-0.0000015386607685950988)).toHaveLength(MAX_NUMBER_TEXT);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(String(x).length).toBeLessThanOrEqual(MAX_NUMBER_TEXT);
      }),
      { numRuns: 20_000 },
    );
    // Every magnitude from 10⁻³²⁴ to 10³⁰⁸ with 17 significant digits, both signs.
    for (let e = -323; e <= 308; e++)
      for (const x of [-1.2345678901234567 * 10 ** e, 9.876543210987654 * 10 ** e])
        if (Number.isFinite(x)) expect(String(x).length).toBeLessThanOrEqual(MAX_NUMBER_TEXT);
  });

  test('writes exactly the bytes JSON.stringify gives each record, with and without contributions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, fc.array(fc.tuple(fc.nat(5), score), { maxLength: 14 })), {
          maxLength: 12,
        }),
        fc.uniqueArray(id, { minLength: 6, maxLength: 6 }),
        // Factor names as profiles have them, never array indexes: the oracle's objects would
        // list a key such as "0" first, whatever the factor order the renderer keeps.
        fc.uniqueArray(
          id.filter((name) => !/^(0|[1-9][0-9]*)$/.test(name)),
          { minLength: 0, maxLength: 4 },
        ),
        fc.boolean(),
        (rows, productIds, factorNames, withContributions) => {
          const ids = rows.map(([rowId]) => rowId);
          const offsets = new Uint32Array(rows.length + 1);
          rows.forEach(([, ms], i) => (offsets[i + 1] = offsets[i]! + ms.length));
          const all = rows.flatMap(([, ms]) => ms);
          const products = Int32Array.from(all.map(([p]) => p));
          const scores = Float64Array.from(all.map(([, s]) => s));
          const contributions = Float64Array.from(
            { length: all.length * factorNames.length },
            (_, j) => scores[j % Math.max(1, all.length)]! / (j + 1),
          );
          // A one-byte first buffer: the first line gets exactly the room reserved for it, so
          // a bound too small for what it writes shows here (the check throws).
          const renderer = new JsonlRenderer(productIds, factorNames, withContributions, 1);
          const lineEnds = new Uint32Array(rows.length);
          const bytes = renderer.render(
            rows.length,
            (i) => ids[i]!,
            offsets,
            products,
            scores,
            contributions,
            lineEnds,
          );
          const want = byStringify(
            ids,
            productIds,
            factorNames,
            offsets,
            products,
            scores,
            withContributions ? contributions : undefined,
          );
          expect(Buffer.from(bytes).toString('utf8')).toBe(want);
          // Each line ends where lineEnds says: just past its line feed.
          for (let i = 0; i < rows.length; i++) expect(bytes[lineEnds[i]! - 1]).toBe(0x0a);
          if (rows.length > 0) expect(lineEnds[rows.length - 1]).toBe(bytes.length);
        },
      ),
    );
  });

  test('grows its buffer past 1 MB within one batch and keeps what it wrote', () => {
    const n = 20_000;
    const k = 12; // ranks of two digits
    const ids = Array.from({ length: n }, (_, i) => `ent-${i}`);
    const productIds = Array.from({ length: 50 }, (_, i) => `产品-${i}`);
    const offsets = Uint32Array.from({ length: n + 1 }, (_, i) => i * k);
    const products = Int32Array.from({ length: n * k }, (_, j) => (j * 7) % 50);
    const scores = Float64Array.from({ length: n * k }, (_, j) => 1 / (j + 3));
    const renderer = new JsonlRenderer(productIds, [], false);
    const once = renderer.render(n, (i) => ids[i]!, offsets, products, scores);
    expect(once.length).toBeGreaterThan(1 << 20);
    const text = byStringify(ids, productIds, [], offsets, products, scores, undefined);
    expect(Buffer.from(once).toString('utf8')).toBe(text);
    // The reused buffer: a second, smaller batch is not followed by the first one's bytes.
    const small = renderer.render(1, (i) => ids[i]!, offsets, products, scores);
    expect(Buffer.from(small).toString('utf8')).toBe(text.slice(0, text.indexOf('\n') + 1));
  });
});
