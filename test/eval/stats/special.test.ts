import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSidedP,
} from '../../../src/eval/stats/special.js';

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms I_x(a,1) = x^a and I_x(1,b) = 1 − (1−x)^b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        (x, a) => {
          expect(regularizedIncompleteBeta(x, a, 1)).toBeCloseTo(x ** a, 10);
          expect(regularizedIncompleteBeta(x, 1, a)).toBeCloseTo(1 - (1 - x) ** a, 10);
        },
      ),
    );
  });
  it('matches scipy.special.betainc', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(regularizedIncompleteBeta(0.4, 10, 20)).toBeCloseTo(0.7853183897628262, 12);
    expect(regularizedIncompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo(0.7951672353008665, 12);
  });
  it('is 0 and 1 at the ends and rejects bad arguments', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.5, 2, 3)).toThrow(RangeError);
  });
});

describe('Student t', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (t) => {
        expect(studentTTwoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(Math.abs(t)), 12);
        expect(studentTTwoSidedP(t, 2)).toBeCloseTo(1 - Math.abs(t) / Math.sqrt(2 + t * t), 12);
      }),
    );
  });
  it('matches table values and scipy.stats.t', () => {
    expect(studentTTwoSidedP(2.228138851986, 10)).toBeCloseTo(0.05, 10); // t(0.975, 10)
    expect(studentTTwoSidedP(2.845339709786, 20)).toBeCloseTo(0.01, 10); // t(0.995, 20)
    expect(studentTTwoSidedP(2.0, 5)).toBeCloseTo(0.10193947882985835, 12);
    expect(studentTTwoSidedP(0.5, 3)).toBeCloseTo(0.651447964848151, 12);
    expect(studentTTwoSidedP(3.5, 30)).toBeCloseTo(0.0014768074376442532, 12);
    expect(studentTTwoSidedP(1.2, 100)).toBeCloseTo(0.23297456721824167, 12);
    expect(studentTCdf(-1.5, 7)).toBeCloseTo(0.088649243494985, 12);
    expect(studentTCdf(1.5, 7)).toBeCloseTo(1 - 0.088649243494985, 12);
    expect(studentTCdf(0, 4)).toBe(0.5);
  });
});
