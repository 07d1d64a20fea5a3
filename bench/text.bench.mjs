// Text factor: cost per scored pair (BM25, LSA, hybrid) and a planted-topic precision@10, on a
// seeded synthetic Chinese corpus of 741 products × 1,000 enterprises.
//
// Timings: prepare (index build, incl. tokenising the catalogue), the first pass over all pairs
// (tokenises each enterprise and builds its per-subject table) and warm passes (memoised).
//
// Each product and enterprise is written from 1–2 of 12 financing topics (研发, 设备, 绿色…),
// with shared filler and product-specific wording drawn from each topic's phrase pool, so a
// product "fits" an enterprise when they share a topic. P@10 = share of an enterprise's ten
// best-scored products that share one of its topics (chance ≈ 0.2).
//
// Usage: npm run build && node bench/text.bench.mjs [--quick]
// FINMATCH_BENCH_MODULE=/path/to/text.js overrides the module (a bundle of src/text/index.ts).
import { benchArgs } from './lib/args.mjs';

const args = benchArgs(
  `usage: node bench/text.bench.mjs [--quick]

Text factor cost per pair and planted-topic precision@10 (FINMATCH_BENCH_MODULE for another
module).

  --quick   200 enterprises instead of 1,000
  --help    this text`,
  { quick: { type: 'boolean' } },
);
const modulePath = process.env.FINMATCH_BENCH_MODULE ?? '../dist/text.js';
const { textFactor } = await import(modulePath);
const quick = args.quick === true;
const PRODUCTS = 741;
const ENTERPRISES = quick ? 200 : 1000;

// ---------------------------------------------------------------- corpus

/** Mulberry32: a small seeded PRNG so every run sees the same corpus. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20260101);
const pick = (list) => list[Math.floor(rand() * list.length)];
const sample = (list, n) => Array.from({ length: n }, () => pick(list));

const TOPICS = [
  ['研发贷款', '科技研发', '研发投入', '中试线建设', '专精特新', '新产品开发', '研发费用加计扣除'],
  ['设备购置', '融资租赁', '售后回租', '数控机床', '工业机器人', '生产线更新', '设备更新改造'],
  ['绿色信贷', '节能减排', '光伏电站', '碳减排', '储能项目', '清洁能源', '污染治理'],
  ['供应链金融', '应收账款', '核心企业确权', '订单融资', '存货质押', '票据贴现', '上下游协同'],
  ['知识产权质押', '专利质押', '商标质押', '知识产权评估', '发明专利', '软件著作权', '技术秘密'],
  ['数字化转型', '智能制造', '工业互联网', '智能工厂', '信息化系统', '云平台', '数据中台'],
  ['流动资金', '日常经营周转', '原材料采购', '工资发放', '短期周转', '随借随还', '循环额度'],
  ['并购重组', '股权收购', '产业整合', '并购贷款', '资产重组', '控股权收购', '同业并购'],
  ['上市辅导', '北交所上市', '新三板挂牌', '股改', '区域股权市场', '上市培育', 'IPO申报'],
  ['出口信贷', '跨境贸易', '外汇结算', '出口信用保险', '海外订单', '进出口', '跨境电商'],
  ['科技成果转化', '技术转让', '产学研合作', '高校成果', '技术许可', '成果产业化', '概念验证'],
  ['产能扩张', '新建厂房', '扩产项目', '产能提升', '园区入驻', '固定资产投资', '产线扩建'],
];
const SECTORS = [
  '精密减速器',
  '集成电路',
  '生物医药',
  '新能源汽车零部件',
  '高端装备',
  '新材料',
  '医疗器械',
  '食品加工',
];
const FILLER = [
  '企业',
  '支持',
  '提供',
  '服务',
  '融资',
  '贷款',
  '额度',
  '期限',
  '利率优惠',
  '政策支持',
];
const PRODUCT_NAMES = [
  '科创贷',
  '专精特新贷',
  '设备贷',
  '绿色贷',
  '链易贷',
  '知产贷',
  '数智贷',
  '周转贷',
  '并购贷',
  '上市贷',
  '外贸贷',
  '转化贷',
  '扩产贷',
];

function topicsOf() {
  const first = Math.floor(rand() * TOPICS.length);
  const second = rand() < 0.5 ? Math.floor(rand() * TOPICS.length) : first;
  return [...new Set([first, second])];
}
const products = Array.from({ length: PRODUCTS }, (_, i) => {
  const topics = topicsOf();
  const phrases = topics.flatMap((t) => sample(TOPICS[t], 3));
  return {
    id: `p${i}`,
    name: `${PRODUCT_NAMES[topics[0]]}${i}`,
    text: `面向${pick(SECTORS)}等${pick(FILLER)}，${phrases.join('、')}，${sample(FILLER, 3).join('')}`,
    topics,
  };
});
const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => {
  const topics = topicsOf();
  const phrases = topics.flatMap((t) => sample(TOPICS[t], 2));
  return {
    id: `e${i}`,
    text: `${pick(['专精特新小巨人', '高新技术', '科技型中小', '创新型中小'])}企业，专注${pick(SECTORS)}，拟申请${phrases.join('和')}，${sample(FILLER, 2).join('')}`,
    topics,
  };
});

// ---------------------------------------------------------------- measurement

const context = (subject, target) => ({
  subject,
  target,
  asOf: '2026-01-01',
  locale: 'zh',
  reference: {},
});

function scoreAll(factor) {
  let checksum = 0;
  for (const enterprise of enterprises)
    for (const product of products) checksum += factor.score(context(enterprise, product)) ?? 0;
  return checksum;
}

function timeNsPerPair(fn) {
  const t = performance.now();
  fn();
  return ((performance.now() - t) * 1e6) / (enterprises.length * products.length);
}

function precisionAt10(factor) {
  let precision = 0;
  for (const enterprise of enterprises) {
    const scored = products.map((p) => ({ p, s: factor.score(context(enterprise, p)) ?? 0 }));
    scored.sort((a, b) => b.s - a.s || (a.p.id < b.p.id ? -1 : 1));
    const hits = scored
      .slice(0, 10)
      .filter(({ p }) => p.topics.some((t) => enterprise.topics.includes(t))).length;
    precision += hits / 10;
  }
  return precision / enterprises.length;
}

function run(method) {
  const t0 = performance.now();
  const factor = textFactor({ method }).prepare({ targets: products, reference: {} });
  const prepareMs = performance.now() - t0;
  // First pass: tokenises each enterprise and builds its score table / embedding.
  const firstPass = timeNsPerPair(() => scoreAll(factor));
  // Later passes read the per-subject memo: the steady-state cost of scoring a pair.
  const warm = [0, 1, 2].map(() => timeNsPerPair(() => scoreAll(factor))).sort((a, b) => a - b)[1];
  return {
    method,
    'prepare (ms)': prepareMs.toFixed(0),
    'first pass ns/pair': firstPass.toFixed(0),
    'warm ns/pair (median of 3)': warm.toFixed(0),
    'P@10': precisionAt10(factor).toFixed(3),
  };
}

console.log(
  `text factor: ${products.length} products × ${enterprises.length} enterprises = ${products.length * enterprises.length} pairs (node ${process.version})`,
);
const rows = ['bm25', 'lsa', 'hybrid'].map(run);
console.table(rows);
