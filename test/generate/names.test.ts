/**
 * Generated data that reads as real: every local institution's name carries its place,
 * consistent with its region code; enterprise and project names use whole sector words, never
 * cut ones; a sourced share of the green-capable products carry the `green` tag.
 */
import { describe, expect, it } from 'vitest';
import { GREEN_PRODUCT_SHARE, PRODUCT_SPECS } from '../../src/generate/calibration.js';
import { NATIONAL_BANKS } from '../../src/generate/catalogue.js';
import { generateMarket } from '../../src/generate/index.js';
import {
  BRAND_SYLLABLES,
  cityName,
  placeOf,
  SECTOR_WORD_MAX_CHARS,
  sectorNameWord,
  sectorWord,
} from '../../src/generate/text.js';
import { allSectors } from '../../src/taxonomy/sectors.js';

const market = generateMarket({ seed: 1, scale: 'small' });

/** Every word the generator may use for a sector: each taxonomy name, whole, as it strips it. */
const VOCABULARY = new Set([...allSectors().map((s) => sectorNameWord(s.nameZh)), '科技']);
const BRANDS = new Set<string>(BRAND_SYLLABLES);
const NATIONAL = new Set<string>(NATIONAL_BANKS);

describe('institution names', () => {
  it('every local institution names its place, consistent with its region code', () => {
    const missing: string[] = [];
    for (const inst of market.institutions) {
      if (inst.kind === 'regionalEquityMarket') continue;
      if (inst.region === undefined) continue;
      const place = placeOf(inst.region);
      expect(place, `${inst.id} region ${inst.region}`).toBeDefined();
      // A capital's insurer branch is the province's (江苏分公司); everything else names the city.
      if (!inst.name.includes(place!.city) && !inst.name.includes(place!.province))
        missing.push(`${inst.id} ${inst.name} (${inst.region})`);
    }
    expect(missing).toEqual([]);
  });

  it('only national head offices have no place: national banks and brand-named companies', () => {
    for (const inst of market.institutions) {
      if (inst.region !== undefined) continue;
      // Banks other than the national ones, and guarantee institutions, are always local.
      expect(inst.kind, inst.name).not.toBe('guarantee');
      if (inst.kind === 'bank') expect(NATIONAL.has(inst.name), inst.name).toBe(true);
      else {
        // 恒瑞财产保险股份有限公司: a two-syllable brand first, then the legal form.
        expect(BRANDS.has(inst.name[0]!) && BRANDS.has(inst.name[1]!), inst.name).toBe(true);
        expect(inst.name).toMatch(/(有限公司|股份有限公司)$/);
      }
    }
  });

  it('never names an institution with no place or brand (银行, 农村商业银行, 中信银行分行)', () => {
    const bare = market.institutions.filter(
      (i) =>
        /^(银行|农村商业银行|村镇银行|融资担保有限公司|中小企业融资担保有限公司|科技融资担保有限公司)$/.test(
          i.name,
        ) || [...NATIONAL].some((bank) => i.name === `${bank}分行` || i.name === `${bank}支行`),
    );
    expect(bare.map((i) => i.name)).toEqual([]);
  });

  it('has realistic forms and no two institutions share a name', () => {
    const names = market.institutions.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    for (const inst of market.institutions) {
      if (inst.kind !== 'bank' || NATIONAL.has(inst.name)) continue;
      expect(inst.name, inst.id).toMatch(/(银行|分行|支行)$/);
    }
    // The forms of the issue: a national bank's city branch, a rural commercial bank.
    expect(names.some((n) => /^中信银行.{2,3}分行$/.test(n))).toBe(true);
    expect(names.some((n) => /^.{2,3}农村商业银行$/.test(n))).toBe(true);
  });
});

describe('sector words in names', () => {
  /** The word between a name's prefix and its ending, or undefined when the shape is off. */
  const middle = (name: string, prefix: string, endings: RegExp): string | undefined => {
    if (!name.startsWith(prefix)) return undefined;
    const rest = name.slice(prefix.length);
    const brand = rest.slice(0, 2);
    if (![...brand].every((c) => BRANDS.has(c))) return undefined;
    const m = endings.exec(rest.slice(2));
    return m ? rest.slice(2, rest.length - m[0].length) : undefined;
  };

  it('enterprise names end in a whole sector word, never a cut one', () => {
    // 南京 + 恒瑞 + 电子设备 + 有限公司: the word must be a whole one of the vocabulary.
    const cut = market.enterprises
      .filter((e) => {
        const word = middle(e.name, cityName(e.region), /(股份有限公司|有限公司)$/u);
        return word === undefined || !VOCABULARY.has(word);
      })
      .map((e) => e.name);
    expect(cut.slice(0, 10)).toEqual([]);
  });

  it('project names end in a whole sector word before the project kind', () => {
    const cut = market.projects
      .map((p) => middle(p.name, '', /(产业化项目|关键技术攻关项目|中试验证项目|示范应用项目)$/u))
      .filter((w) => w === undefined || !VOCABULARY.has(w));
    expect(cut).toEqual([]);
  });

  it('a sector word fits its bound, lists no trades and is a whole taxonomy word', () => {
    for (const s of allSectors()) {
      const word = sectorWord(s.code);
      expect(word.length, s.code).toBeLessThanOrEqual(SECTOR_WORD_MAX_CHARS);
      expect(word).not.toContain('、');
      expect(VOCABULARY.has(word), `${s.code} → ${word}`).toBe(true);
    }
  });
});

describe('green products', () => {
  const capable = market.products.filter((p) => PRODUCT_SPECS[p.type].purposes.includes('green'));
  const green = market.products.filter((p) => p.policyTags.includes('green'));

  it('carry the tag in the sourced share of the types that fund green purposes', () => {
    expect(capable.length).toBeGreaterThan(0);
    // Rounded per type, so within half a product per type of the sourced share.
    const types = new Set(capable.map((p) => p.type)).size;
    expect(Math.abs(green.length - capable.length * GREEN_PRODUCT_SHARE)).toBeLessThanOrEqual(
      types / 2,
    );
    for (const seed of [2, 3]) {
      const other = generateMarket({ seed, scale: 'small' }).products;
      expect(other.filter((p) => p.policyTags.includes('green'))).toHaveLength(green.length);
    }
  });

  it('only where the product type funds green purposes, and say so in name and text', () => {
    for (const p of green) {
      expect(PRODUCT_SPECS[p.type].purposes, p.id).toContain('green');
      expect(p.name).toContain('绿色');
      expect(p.text).toContain('节能降碳');
    }
  });
});
