import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import type { Factor, PairContext } from '../../src/engine/types.js';
import type { Enterprise, FinancialProduct, Investor, Project } from '../../src/model/types.js';
import {
  PURPOSE_KEYWORDS,
  defaultSubjectText,
  defaultTargetText,
  textFactor,
  type TextMethod,
  type TextSubject,
  type TextTarget,
} from '../../src/text/factor.js';

const methods: TextMethod[] = ['bm25', 'lsa', 'hybrid'];

function pair<S, T>(subject: S, target: T): PairContext<S, T> {
  return { subject, target, asOf: '2026-01-01', locale: 'zh', reference: {} };
}

// Two products identical but for the description: one in the enterprise's words, one not.
const base = { name: '科创贷', institutionId: 'bank1' };
const matching: TextTarget = {
  ...base,
  id: 'p-match',
  text: '面向专精特新企业的研发贷款，支持精密制造和中试线建设',
};
const unrelated: TextTarget = {
  ...base,
  id: 'p-other',
  text: '面向商贸流通企业的经营贷款，支持批发零售和仓储物流',
};
const catalogue: TextTarget[] = [
  matching,
  unrelated,
  { id: 'p3', name: '设备租赁', text: '工业机器人和数控机床融资租赁，售后回租' },
  { id: 'p4', name: '绿色信贷', text: '节能减排和光伏项目，碳减排支持工具' },
  { id: 'p5', name: '知识产权质押贷', text: '专利商标质押融资，支持科技型中小企业研发' },
];
const enterprise: TextSubject & { id: string } = {
  id: 'e1',
  text: '专精特新小巨人企业，专注精密减速器研发，拟申请研发贷款用于中试线建设',
  need: { purpose: 'rnd' },
};

describe('textFactor', () => {
  it('is named text, two-sided, and refuses to score before prepare', () => {
    const factor = textFactor<TextSubject, TextTarget>();
    expect(factor.name).toBe('text');
    expect(factor.side).toBe('both');
    expect(() => factor.score(pair(enterprise, matching))).toThrow(ProfileError);
    expect(() => factor.score(pair(enterprise, matching))).toThrow(/prepare/);
  });

  it.each(methods)(
    '%s: ranks the product described in the enterprise’s words above the identical one that is not',
    (method) => {
      const factor = textFactor<TextSubject, TextTarget>({
        method,
        lsa: { dimensions: 4 },
      }).prepare({
        targets: catalogue,
        reference: {},
      });
      const good = factor.score(pair(enterprise, matching));
      const bad = factor.score(pair(enterprise, unrelated));
      expect(good).not.toBeNull();
      expect(bad).not.toBeNull();
      expect(good!).toBeGreaterThan(bad!);
      expect(good!).toBeLessThanOrEqual(1);
      expect(bad!).toBeGreaterThanOrEqual(0);
    },
  );

  it('ranks the matching product first over the whole catalogue (bm25)', () => {
    const factor = textFactor<TextSubject, TextTarget>().prepare({
      targets: catalogue,
      reference: {},
    });
    const ranked = [...catalogue].sort(
      (a, b) => factor.score(pair(enterprise, b))! - factor.score(pair(enterprise, a))!,
    );
    expect(ranked[0]!.id).toBe('p-match'); // shares 专精特新, 研发贷款, 精密, 中试线
    expect(ranked[1]!.id).toBe('p5'); // shares 研发 only (and the rnd purpose words)
  });

  it('abstains when the subject has no text', () => {
    for (const method of methods) {
      const factor = textFactor<TextSubject, TextTarget>({
        method,
        lsa: { dimensions: 3 },
      }).prepare({
        targets: catalogue,
        reference: {},
      });
      expect(factor.score(pair({ text: '' }, matching))).toBeNull();
      expect(factor.score(pair({ text: '   ', need: { purpose: 'rnd' } }, matching))).toBeNull();
      expect(factor.score(pair({ text: '的 了 和' }, matching))).toBeNull();
    }
  });

  it('scores project → investor theses', () => {
    const investors: TextTarget[] = [
      { id: 'i1', name: '高端装备基金', thesis: '聚焦工业机器人、精密减速器等高端装备早期项目' },
      { id: 'i2', name: '消费基金', thesis: '聚焦消费零售、餐饮连锁品牌成长期项目' },
    ];
    const project = {
      text: '谐波减速器与工业机器人关节模组，TRL6，寻求A轮投资',
      need: { amount: 1e7, instrument: 'equity' },
    };
    const factor = textFactor<TextSubject, TextTarget>().prepare({
      targets: investors,
      reference: {},
    });
    expect(factor.score(pair(project, investors[0]!))!).toBeGreaterThan(
      factor.score(pair(project, investors[1]!))!,
    );
    expect(defaultTargetText(investors[0]!)).toBe(investors[0]!.thesis);
  });

  it('adds the need purpose words to an enterprise text', () => {
    expect(defaultSubjectText(enterprise)).toBe(`${enterprise.text} ${PURPOSE_KEYWORDS.rnd}`);
    expect(defaultSubjectText({ text: '项目', need: { amount: 1 } })).toBe('项目');
    expect(defaultTargetText(matching)).toBe(`科创贷 ${matching.text}`);
  });

  it('scores targets unseen by prepare like indexed ones', () => {
    const factor = textFactor<TextSubject, TextTarget>().prepare({
      targets: catalogue,
      reference: {},
    });
    const copy = { ...matching, id: 'p-copy' };
    expect(factor.score(pair(enterprise, copy))).toBeCloseTo(
      factor.score(pair(enterprise, matching))!,
      12,
    );
  });

  it('memoises per subject object and shares work between equal texts through the LRU caches', () => {
    const factor = textFactor<TextSubject, TextTarget>().prepare({
      targets: catalogue,
      reference: {},
    });
    for (const target of catalogue) factor.score(pair(enterprise, target));
    // One subject object: its score table is computed once and then read from the memo.
    expect(factor.cacheStats().queries).toMatchObject({ misses: 1, hits: 0 });
    // Another object with the same text finds the table in the LRU cache.
    const sameText = { ...enterprise };
    expect(factor.score(pair(sameText, matching))).toBe(factor.score(pair(enterprise, matching)));
    expect(factor.cacheStats().queries).toMatchObject({ misses: 1, hits: 1 });
    expect(factor.cacheStats().tokens.hits).toBeGreaterThan(0);
  });

  it('notices a subject whose text changed', () => {
    const factor = textFactor<TextSubject, TextTarget>().prepare({
      targets: catalogue,
      reference: {},
    });
    const subject: TextSubject = { text: '光伏项目节能减排' };
    const before = factor.score(pair(subject, matching))!;
    subject.text = enterprise.text;
    expect(factor.score(pair(subject, matching))!).toBeGreaterThan(before);
  });

  it('fits both markets’ profiles without type arguments', () => {
    const enterpriseProduct: Factor<Enterprise, FinancialProduct> = textFactor();
    const projectInvestor: Factor<Project, Investor> = textFactor({ method: 'lsa' });
    expect([enterpriseProduct.name, projectInvestor.name]).toEqual(['text', 'text']);
  });

  it('rejects invalid options', () => {
    expect(() => textFactor<TextSubject, TextTarget>({ hybridWeight: 2 })).toThrow(ProfileError);
    expect(() => textFactor<TextSubject, TextTarget>({ method: 'neural' as TextMethod })).toThrow(
      /method/,
    );
  });

  it('scores are in [0, 1] for any subject text (property)', () => {
    const prepared = methods.map((method) =>
      textFactor<TextSubject, TextTarget>({ method, lsa: { dimensions: 3 } }).prepare({
        targets: catalogue,
        reference: {},
      }),
    );
    const fragments = [
      '研发',
      '贷款',
      '专精特新',
      '租赁',
      '光伏',
      'R&D loan',
      '的',
      '，',
      '5G',
      '',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 10 }),
        fc.constantFrom(...catalogue),
        (parts, target) => {
          for (const factor of prepared) {
            const value = factor.score(pair({ text: parts.join('') }, target));
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });
});
