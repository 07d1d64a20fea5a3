import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SECTOR_SIMILARITY,
  allSectors,
  getSector,
  normalizeSectorCode,
  sectorIsUnder,
  sectorLevel,
  sectorSimilarity,
  sectorsAtLevel,
} from '../../src/taxonomy/sectors.js';

const SOURCE = new URL('../../../shared/domain/gbt4754-2017-all-levels.json', import.meta.url);
const all = allSectors();
const codes = all.map((n) => n.code);
const classes = sectorsAtLevel(4).map((n) => n.code);
const anyCode = fc.constantFrom(...codes);

describe('GB/T 4754-2017 tree', () => {
  it('holds 20 sections, 97 divisions, 473 groups (incl. implicit) and 1,380 classes', () => {
    // 1,970 nodes: the source's 1,772 rows list 275 group rows (274 distinct); the other
    // 199 groups hold a single class and appear only through it.
    expect([1, 2, 3, 4].map((l) => sectorsAtLevel(l as 1 | 2 | 3 | 4).length)).toEqual([
      20, 97, 473, 1380,
    ]);
    expect(all).toHaveLength(1970);
    expect(new Set(codes).size).toBe(1970);
  });

  // The domain notes live beside the repository, not in it: checked when present.
  it.skipIf(!existsSync(SOURCE))(
    'resolves every one of the 1,772 rows of the domain source',
    () => {
      const rows = (
        JSON.parse(readFileSync(SOURCE, 'utf8')) as {
          entries: { level: 1 | 2 | 3 | 4; code: string; section: string }[];
        }
      ).entries;
      expect(rows).toHaveLength(1772);
      for (const row of rows) {
        const node = getSector(row.code);
        expect(node?.rawCode).toBe(row.code);
        expect(node?.level).toBe(row.level);
        expect(node?.section).toBe(row.section);
      }
    },
  );

  it('includes the implicit single-class groups (e.g. 019, named after their class)', () => {
    // 019 其他农业 appears in the source only through class 0190.
    expect(getSector('019')).toMatchObject({ code: 'A019', level: 3, parent: 'A01' });
    expect(getSector('0190')?.parent).toBe('A019');
  });

  it('links every node to an existing parent one level up', () => {
    const byCode = new Map(all.map((n) => [n.code, n]));
    for (const n of all) {
      if (n.level === 1) {
        expect(n.parent).toBeUndefined();
        continue;
      }
      const parent = byCode.get(n.parent!);
      expect(parent?.level).toBe(n.level - 1);
      expect(n.code.startsWith(parent!.code)).toBe(true);
      expect(n.section).toBe(n.code[0]);
      expect(sectorLevel(n.code)).toBe(n.level);
      expect(n.nameZh.length).toBeGreaterThan(0);
      expect(n.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('names known codes correctly', () => {
    expect(getSector('C')?.nameZh).toBe('制造业');
    expect(getSector('39')?.nameZh).toBe('计算机、通信和其他电子设备制造业');
    expect(getSector('3911')?.nameZh).toBe('计算机整机制造');
    expect(getSector('I65')?.section).toBe('I');
  });
});

describe('normalizeSectorCode', () => {
  it.each([
    ['C', 'C'],
    ['c', 'C'],
    ['C39', 'C39'],
    ['39', 'C39'],
    ['391', 'C391'],
    ['3911', 'C3911'],
    ['C3911', 'C3911'],
    ['C-3911', 'C3911'],
    [' C 3911 ', 'C3911'],
    ['c.39.11', 'C3911'],
    ['Ｃ３９１１', 'C3911'],
    ['01', 'A01'],
    ['0111', 'A0111'],
    ['T9700', 'T9700'],
    ['9700', 'T9700'],
    ['97', 'T97'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeSectorCode(input)).toBe(expected);
  });

  it.each([
    'A3911',
    '9999',
    '',
    '   ',
    'C3',
    '12345',
    'U',
    'CC39',
    '39C',
    'C39111',
    'x'.repeat(100),
  ])('rejects %j', (input) => {
    expect(normalizeSectorCode(input)).toBeUndefined();
  });

  it('rejects non-strings without throwing', () => {
    expect(normalizeSectorCode(3911 as never)).toBeUndefined();
    expect(normalizeSectorCode(null as never)).toBeUndefined();
  });

  it('maps every canonical code and its bare digits to itself', () => {
    for (const code of codes) {
      expect(normalizeSectorCode(code)).toBe(code);
      expect(normalizeSectorCode(code.toLowerCase())).toBe(code);
      if (code.length > 1) expect(normalizeSectorCode(code.slice(1))).toBe(code);
    }
  });
});

describe('sectorSimilarity', () => {
  it('is symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(anyCode, anyCode, (a, b) => {
        const s = sectorSimilarity(a, b);
        expect(s).toBe(sectorSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('is 1 for the same code and for ancestor containment', () => {
    fc.assert(
      fc.property(fc.constantFrom(...classes), fc.integer({ min: 1, max: 5 }), (code, cut) => {
        expect(sectorSimilarity(code, code)).toBe(1);
        const ancestor = code.slice(0, Math.min(cut, 5));
        expect(sectorIsUnder(code, ancestor)).toBe(true);
        expect(sectorSimilarity(code, ancestor)).toBe(1);
      }),
    );
  });

  it('decreases as the deepest common ancestor gets shallower', () => {
    // C3911 vs: a sibling class (same group C391), a class in another group of C39,
    // a class in another manufacturing division, a class in another section.
    const sameGroup = sectorSimilarity('C3911', 'C3912');
    const sameDivision = sectorSimilarity('C3911', 'C3921');
    const sameSection = sectorSimilarity('C3911', 'C2511');
    const nothing = sectorSimilarity('C3911', 'I6520');
    expect([sameGroup, sameDivision, sameSection, nothing]).toEqual([
      SECTOR_SIMILARITY[4],
      SECTOR_SIMILARITY[3],
      SECTOR_SIMILARITY[1],
      0,
    ]);
    expect(sameGroup).toBeGreaterThan(sameDivision);
    expect(sameDivision).toBeGreaterThan(sameSection);
    expect(sameSection).toBeGreaterThan(nothing);
  });

  it('never rises when one side is replaced by a sibling further away (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...classes), fc.constantFrom(...classes), (a, b) => {
        const common = [...a].findIndex((ch, i) => ch !== b[i]);
        const depth = common === -1 ? 5 : common;
        const s = sectorSimilarity(a, b);
        // Sharing more leading characters never scores lower.
        if (depth >= 4) expect(s).toBeGreaterThanOrEqual(SECTOR_SIMILARITY[4]);
        else if (depth >= 3) expect(s).toBe(SECTOR_SIMILARITY[3]);
        else if (depth >= 1) expect(s).toBe(SECTOR_SIMILARITY[1]);
        else expect(s).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('has weights that do not increase as fewer characters are shared', () => {
    const w = [4, 3, 2, 1, 0].map((k) => SECTOR_SIMILARITY[k as 0 | 1 | 2 | 3 | 4]);
    for (let i = 1; i < w.length; i++) expect(w[i]!).toBeLessThanOrEqual(w[i - 1]!);
  });
});
