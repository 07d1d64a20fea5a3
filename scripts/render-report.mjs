// Checks that an evaluation report renders in a real browser: headless Chromium loads the
// page, its DOM is dumped (every chart must be an inline <svg>, and the Chinese labels must
// survive) and a screenshot is taken. Not part of `npm test`; run by hand:
//   node scripts/render-report.mjs [report.html] [screenshot.png]
// Without report.html it renders a sample report with Chinese labels from the built package
// (dist/eval.js; run `npm run build` first). Skips with a message, exit 0, when Chromium is
// not installed (`apt-get install -y chromium`). Exits 1 when rendering fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Browser executables tried, in order. */
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Viewport of the screenshot. */
const WINDOW_SIZE = '1200,2000';
/** A screenshot smaller than this is taken to be blank. */
const MIN_SCREENSHOT_BYTES = 10_000;
/** Longest a browser run may take. */
const TIMEOUT_MS = 60_000;
/** Labels of the sample report that must come back from the browser's DOM intact. */
const SAMPLE_LABELS = ['产品推荐评估', '加权求和', '工商银行'];

const browser = BROWSERS.find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);
if (!browser) {
  console.log(
    `SKIP render-report: no Chromium found (tried ${BROWSERS.join(', ')}); install it with apt-get install -y chromium`,
  );
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'finmatch-report-'));
let htmlPath = process.argv[2] ? resolve(process.argv[2]) : undefined;
const pngPath = resolve(process.argv[3] ?? join(work, 'report.png'));
let expectedLabels = [];
if (!htmlPath) {
  const dist = join(root, 'dist', 'eval.js');
  if (!existsSync(dist)) {
    console.log(
      'SKIP render-report: dist/eval.js not built; run `npm run build` or pass an HTML file',
    );
    process.exit(0);
  }
  const { renderReport } = await import(pathToFileURL(dist).href);
  htmlPath = join(work, 'report.html');
  writeFileSync(htmlPath, renderReport(sampleReport()), 'utf8');
  expectedLabels = SAMPLE_LABELS;
}

const common = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const url = pathToFileURL(htmlPath).href;
const dom = spawnSync(
  browser,
  [...common, `--user-data-dir=${mkdtempSync(join(work, 'profile-'))}`, '--dump-dom', url],
  {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  },
);
const shot = spawnSync(
  browser,
  [
    ...common,
    `--user-data-dir=${mkdtempSync(join(work, 'profile-'))}`,
    `--screenshot=${pngPath}`,
    `--window-size=${WINDOW_SIZE}`,
    url,
  ],
  { encoding: 'utf8', timeout: TIMEOUT_MS },
);

const failures = [];
const svgCount = (dom.stdout.match(/<svg/g) ?? []).length;
if (dom.status !== 0)
  failures.push(`--dump-dom exited ${dom.status}: ${dom.stderr.trim().split('\n').pop()}`);
if (svgCount === 0) failures.push('the rendered DOM holds no <svg> chart');
for (const label of expectedLabels)
  if (!dom.stdout.includes(label)) failures.push(`label ${label} missing from the rendered DOM`);
if (!existsSync(pngPath))
  failures.push(`no screenshot written (${shot.stderr.trim().split('\n').pop()})`);
else if (statSync(pngPath).size < MIN_SCREENSHOT_BYTES)
  failures.push(`screenshot is only ${statSync(pngPath).size} bytes: blank page?`);

const cjkFonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (cjkFonts.status === 0 && cjkFonts.stdout.trim() === '') {
  console.log(
    'WARN render-report: no Chinese font installed; the screenshot will show boxes for Chinese text (apt-get install -y fonts-noto-cjk)',
  );
}

if (failures.length > 0) {
  for (const f of failures) console.log(`FAIL render-report: ${f}`);
  process.exit(1);
}
console.log(
  `PASS render-report: ${browser} rendered ${htmlPath} with ${svgCount} charts; screenshot ${pngPath}`,
);

function sampleReport() {
  const ks = [1, 3, 5, 10, 20];
  return {
    title: '产品推荐评估（样例）',
    subtitle: '合成数据 · 200 家企业 · 5 折交叉验证',
    runs: [
      {
        name: '加权求和',
        ks,
        metricsAtK: { ndcg: [0.42, 0.51, 0.55, 0.6, 0.63], recall: [0.12, 0.3, 0.41, 0.58, 0.72] },
        summary: { map: 0.47, mrr: 0.58 },
      },
      {
        name: '互惠匹配',
        ks,
        metricsAtK: { ndcg: [0.38, 0.49, 0.54, 0.59, 0.61], recall: [0.1, 0.28, 0.4, 0.56, 0.7] },
        summary: { map: 0.44, mrr: 0.55 },
      },
      {
        name: 'popularity',
        ks,
        metricsAtK: { ndcg: [0.2, 0.26, 0.3, 0.34, 0.37], recall: [0.05, 0.14, 0.2, 0.31, 0.45] },
      },
    ],
    tuning: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((x) => ({
      x,
      y: 0.6 - 0.4 * (x - 0.35) ** 2,
      series: '权重 α',
    })),
    tuningAxes: { x: '权重 α', y: 'nDCG@10' },
    exposure: [
      { group: '工商银行', value: 0.31 },
      { group: '建设银行', value: 0.24 },
      { group: '科创担保', value: 0.18 },
      { group: '国投创业基金', value: 0.15 },
      { group: '地方城商行', value: 0.12 },
    ],
    tables: [
      {
        title: '显著性检验（配对 t 检验）',
        columns: ['对比', '差值', 'p 值'],
        rows: [['加权求和 vs popularity', 0.26, 0.0004]],
      },
    ],
  };
}
