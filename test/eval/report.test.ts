import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { renderReport } from '../../src/eval/report.js';
import { escapeHtml } from '../../src/eval/report-svg.js';

const input = {
  title: '产品推荐评估 <v1>',
  subtitle: '数据集：合成 & 2024',
  runs: [
    {
      name: '加权求和',
      ks: [1, 5, 10],
      metricsAtK: { ndcg: [0.5, 0.6, 0.65], recall: [0.1, 0.4, 0.6] },
      summary: { map: 0.42 },
    },
    {
      name: 'popularity',
      ks: [1, 5, 10],
      metricsAtK: { ndcg: [0.2, 0.3, 0.35], recall: [0.05, 0.2, 0.3] },
    },
  ],
  tuning: [
    { x: 0.1, y: 0.5, series: 'α' },
    { x: 0.5, y: 0.62, series: 'α' },
    { x: 0.9, y: 0.55, series: 'α' },
  ],
  exposure: [
    { group: '工商银行', value: 0.4 },
    { group: 'Bank "B"', value: 0.35 },
    { group: '科创担保', value: 0.25 },
  ],
  tables: [
    {
      title: '显著性检验',
      columns: ['对比', 'p'],
      rows: [
        ['A vs <B>', 0.012],
        ['B vs C', null],
      ],
    },
  ],
};

describe('renderReport', () => {
  const html = renderReport(input);

  it('is one self-contained UTF-8 page: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    for (const url of html.match(/https?:\/\/[^"\s]*/g) ?? [])
      expect(url).toBe('http://www.w3.org/2000/svg');
  });

  it('draws one metric@k chart per family, a tuning chart and an exposure bar chart', () => {
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('ndcg@k');
    expect(html).toContain('recall@k');
    expect(html.match(/<polyline/g)).toHaveLength(5); // 2 runs × 2 families + 1 tuning series
    expect(html.match(/<rect/g)).toHaveLength(3);
  });

  it('escapes every text it is given and keeps Chinese as is', () => {
    expect(html).toContain('产品推荐评估 &#60;v1&#62;');
    expect(html).toContain('合成 &#38; 2024');
    expect(html).toContain('Bank &#34;B&#34;');
    expect(html).toContain('A vs &#60;B&#62;');
    expect(html).not.toContain('<v1>');
    expect(html).toContain('工商银行');
    expect(html).toContain('指标随截断位置 k 的变化');
  });

  it('lists each run’s values in a summary table, formatted to 4 decimals', () => {
    expect(html).toContain('<th>ndcg@10</th>');
    expect(html).toContain('<td class="num">0.6500</td>');
    expect(html).toContain('<td class="num">0.4200</td>');
    expect(html).toContain('<td class="num">–</td>'); // popularity has no map; null cell
  });

  it('speaks English on request', () => {
    expect(renderReport({ ...input, locale: 'en' })).toContain('Metrics at cut-off k');
  });

  it('rejects metric arrays that do not match the cut-offs', () => {
    expect(() =>
      renderReport({ title: 't', runs: [{ name: 'r', ks: [1, 5], metricsAtK: { ndcg: [0.1] } }] }),
    ).toThrow(OptionError);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });
});
