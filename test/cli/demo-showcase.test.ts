import { describe, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { printMatchingShowcase } from '../../src/cli/matching/demo-showcase.js';
import { generateMarket } from '../../src/generate/index.js';
import { capture } from './helpers.js';

// `finmatch demo` itself generates the seed-scale market (tens of seconds); its matching part
// is tested here on the small market.
describe('finmatch demo: matching showcase', () => {
  it('prints every section with bilingual headings, results on stdout and progress on stderr', async () => {
    const stdout = capture();
    const stderr = capture();
    const ctx = createCliContext({
      command: 'demo',
      values: {},
      positionals: [],
      stdout,
      stderr,
      env: {},
    });
    const market = generateMarket({ seed: 1, scale: 'small' });
    const t = (text: { zh: string; en: string }) => `${text.zh} ${text.en}`;
    const timings = await printMatchingShowcase(ctx, market, t, 6);
    const out = stdout.text();
    for (const heading of [
      '6. 为企业推荐金融产品（附解释） Financial products ranked',
      '7. 银行获客',
      '8. 一链一策一批',
      '9. 科技项目与投资机构匹配',
      '10. 撮合活动',
    ])
      expect(out).toContain(heading);
    expect(out).toContain('不可申请示例 Not eligible, for example');
    expect(out).toMatch(/✗ .+ → .+/);
    expect(out).toMatch(/稳定 stable\s+\d+/);
    expect(out).toMatch(/最优 optimal\s+\d+/);
    // Progress, when the work is long enough to need it, is on stderr; results never are.
    expect(stderr.text()).not.toMatch(/稳定 stable/);
    expect(timings.steps.map((s) => s.label.en)).toContain('prospecting');
  });
});
