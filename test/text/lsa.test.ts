import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLsaModel, cosineSimilarity } from '../../src/text/lsa.js';
import { OptionError, UnknownIdError } from '../../src/errors.js';

const corpus = [
  { id: 'p1', text: '科技研发贷款，支持专精特新企业研发投入和中试线建设' },
  { id: 'p2', text: '知识产权质押融资，专利商标质押，支持科技型中小企业研发' },
  { id: 'p3', text: '设备融资租赁，工业机器人和数控机床购置，售后回租' },
  { id: 'p4', text: '流动资金贷款，用于原材料采购和日常经营周转' },
  { id: 'p5', text: '绿色信贷，节能减排和光伏项目，碳减排支持工具' },
  { id: 'p6', text: '供应链金融，应收账款融资，核心企业确权' },
  { id: 'p7', text: '技术改造贷款，设备更新和数字化转型，智能工厂建设' },
  { id: 'p8', text: '投贷联动，股权投资与研发贷款组合，支持早期科技企业' },
];

describe('createLsaModel', () => {
  it('reconstruction error falls as dimensions grow, to ~0 at full rank', () => {
    const errors = [1, 2, 3, 4, 6, 8].map((dimensions) =>
      createLsaModel(corpus, { dimensions }).reconstructionError(),
    );
    for (let i = 1; i < errors.length; i++) expect(errors[i]!).toBeLessThan(errors[i - 1]!);
    expect(errors.at(-1)!).toBeLessThan(1e-9);
  });

  it('caps dimensions at the rank and keeps singular values descending', () => {
    const model = createLsaModel(corpus, { dimensions: 50 });
    expect(model.dimensions).toBe(8);
    const sigma = [...model.singularValues];
    expect(sigma).toEqual([...sigma].sort((a, b) => b - a));
  });

  it('embeds as unit Float32Array vectors and folds a training document onto its embedding', () => {
    const model = createLsaModel(corpus, { dimensions: 4 });
    for (const doc of corpus) {
      const stored = model.embedding(doc.id);
      expect(stored).toBeInstanceOf(Float32Array);
      expect(Math.hypot(...stored)).toBeCloseTo(1, 5);
      const folded = model.embed(doc.text);
      for (let j = 0; j < stored.length; j++) expect(folded[j]!).toBeCloseTo(stored[j]!, 5);
    }
  });

  it('gram and direct algorithms agree (up to the sign of each axis)', () => {
    const direct = createLsaModel(corpus, { dimensions: 3, algorithm: 'direct' });
    const gram = createLsaModel(corpus, { dimensions: 3, algorithm: 'gram' });
    for (let j = 0; j < 3; j++)
      expect(gram.singularValues[j]!).toBeCloseTo(direct.singularValues[j]!, 8);
    for (const a of corpus)
      for (const b of corpus) {
        const d = dot(direct.embedding(a.id), direct.embedding(b.id));
        const g = dot(gram.embedding(a.id), gram.embedding(b.id));
        expect(g).toBeCloseTo(d, 4);
      }
  });

  it('randomized top-k agrees with the exact SVD on the leading singular values', () => {
    // 60 documents over 4 planted topics: the leading singular values are well separated.
    const topics = [
      ['研发', '专利', '中试', '样机', '实验室'],
      ['设备', '租赁', '机床', '机器人', '产线'],
      ['绿色', '光伏', '减排', '储能', '节能'],
      ['周转', '采购', '应收', '订单', '票据'],
    ];
    const docs = Array.from({ length: 60 }, (_, i) => {
      const words = topics[i % 4]!;
      return {
        id: `d${i}`,
        text: [0, 1, 2].map((j) => words[(i + j * (1 + (i % 3))) % 5]).join(' '),
      };
    });
    const tokenizer = (text: string): string[] => text.split(' ');
    const direct = createLsaModel(docs, { dimensions: 4, algorithm: 'direct', tokenizer });
    const randomized = createLsaModel(docs, { dimensions: 4, algorithm: 'randomized', tokenizer });
    expect(randomized.dimensions).toBe(4);
    for (let j = 0; j < 4; j++)
      expect(randomized.singularValues[j]! / direct.singularValues[j]!).toBeCloseTo(1, 4);
    // At k = 4 each topic collapses to one direction, so the hits tie; both find the 绿色 topic.
    const topic = (id: string): number => Number(id.slice(1)) % 4;
    for (const model of [direct, randomized])
      expect(model.search('光伏 储能', 10).map((h) => topic(h.id))).toEqual(Array(10).fill(2));
  });

  it('similarity is symmetric and in [0, 1] (property)', () => {
    const model = createLsaModel(corpus, { dimensions: 3 });
    const texts = [...corpus.map((d) => d.text), '精密减速器研发', 'working capital loan', ''];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.constantFrom(...texts), (x, y) => {
        const s = cosineSimilarity(model.embed(x), model.embed(y));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeCloseTo(cosineSimilarity(model.embed(y), model.embed(x)), 6);
      }),
    );
  });

  it('ranks documents sharing latent topics first', () => {
    const model = createLsaModel(corpus, { dimensions: 4 });
    const top = model.search('专精特新企业申请研发贷款', 2).map((h) => h.id);
    expect(top).toContain('p1');
    expect(model.similarity('专精特新企业申请研发贷款', 'p1')).toBeGreaterThan(
      model.similarity('专精特新企业申请研发贷款', 'p5'),
    );
    // A text without a known term embeds to zeros: similarity 0 with everything.
    expect(model.similarity('量子通信', 'p1')).toBe(0);
  });

  it('folds in added documents, invalidates searches, counts cache hits', () => {
    const model = createLsaModel(corpus, { dimensions: 4 });
    model.search('研发贷款', 3);
    model.search('研发贷款', 3);
    expect(model.cacheStats().queries).toMatchObject({ hits: 1, misses: 1 });
    model.add({ id: 'p9', text: '科技研发贷款，支持专精特新企业研发投入和中试线建设' });
    expect(model.cacheStats().queries).toMatchObject({ entries: 0, invalidations: 1 });
    expect(model.similarity(corpus[0]!.text, 'p9')).toBeCloseTo(1, 5);
    expect(model.remove('p9')).toBe(true);
    expect(model.has('p9')).toBe(false);
    // Misses so far: the search query and corpus[0]'s text; the same text again is a hit.
    model.similarity(corpus[0]!.text, 'p1');
    expect(model.cacheStats().embeddings).toMatchObject({ hits: 1, misses: 2 });
  });

  it('validates options and ids', () => {
    expect(() => createLsaModel(corpus, { dimensions: 0 })).toThrow(OptionError);
    expect(() => createLsaModel(corpus, { algorithm: 'qr' as 'gram' })).toThrow(/algorithm/);
    expect(() => createLsaModel(corpus, { minDocumentFrequency: 0 })).toThrow(
      /minDocumentFrequency/,
    );
    expect(() => createLsaModel(corpus).embedding('nope')).toThrow(UnknownIdError);
    expect(createLsaModel([]).embed('研发')).toHaveLength(0);
  });
});

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
