import { describe, expect, it } from 'vitest';
import {
  PROVINCES,
  isRegionCode,
  isRegionPrefix,
  parseRegion,
  regionIn,
} from '../../src/taxonomy/regions.js';

describe('regions (GB/T 2260)', () => {
  it('lists 34 province-level divisions', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
    expect(PROVINCES['32']).toEqual({ zh: '江苏省', en: 'Jiangsu' });
  });

  it('parses province and city of a district code', () => {
    expect(parseRegion('320505')).toEqual({
      code: '320505',
      provinceCode: '32',
      province: { zh: '江苏省', en: 'Jiangsu' },
      cityCode: '3205',
    });
  });

  it('has no city for a province-level code', () => {
    expect(parseRegion('110000')).toMatchObject({ provinceCode: '11' });
    expect(parseRegion('110000')?.cityCode).toBeUndefined();
  });

  it.each(['990101', '3205', '32050', '3205051', 'abcdef', '', ' 320505'])(
    'rejects code %j',
    (code) => {
      expect(isRegionCode(code)).toBe(false);
      expect(parseRegion(code)).toBeUndefined();
    },
  );

  it('accepts 2-, 4- and 6-digit prefixes of known provinces only', () => {
    for (const p of ['32', '3205', '320505']) expect(isRegionPrefix(p)).toBe(true);
    for (const p of ['3', '320', '99', '99000', 32]) expect(isRegionPrefix(p)).toBe(false);
  });

  it('tests containment by prefix', () => {
    expect(regionIn('320505', '32')).toBe(true);
    expect(regionIn('320505', '3205')).toBe(true);
    expect(regionIn('320505', '3206')).toBe(false);
  });
});
