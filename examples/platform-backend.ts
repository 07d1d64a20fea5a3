/**
 * The platform backend: an enterprise submits its financing need; the backend validates the
 * request (returning every problem, in Chinese, to the form), ranks the product catalogue for
 * it and explains the best match and a product it cannot apply for.
 *
 * Run: see examples/README.md.
 */
import {
  createProductMatcher,
  safeParseRecord,
  type Enterprise,
  type ProductMatcher,
} from '../src/index.js';
import { load, manifestAsOf } from './shared.js';

const products = await load('product', 'products.jsonl');
const institutions = await load('institution', 'institutions.jsonl');
const chains = await load('chain', 'chains.jsonl');
const zones = await load('zone', 'zones.jsonl');
const enterprises = await load('enterprise', 'enterprises.jsonl');

// Built once at start-up and reused for every request.
const matcher: ProductMatcher = createProductMatcher(products.records, {
  asOf: manifestAsOf(),
  locale: 'zh',
  institutions: institutions.records,
  chains: chains.records,
  zones: zones.records,
});

/** Handles one request body: 400 with the issues, or 200 with ranked, explained products. */
function handleRecommend(body: unknown): { status: number; body: unknown } {
  const parsed = safeParseRecord('enterprise', body, { locale: 'zh' });
  if (!parsed.ok) {
    return {
      status: 400,
      body: { errors: parsed.issues.map((i) => ({ field: i.path, message: i.message })) },
    };
  }
  const enterprise: Enterprise = parsed.record;
  const matches = matcher.rankProducts(enterprise, { k: 5 });
  const best = matches[0];
  return {
    status: 200,
    body: {
      enterpriseId: enterprise.id,
      products: matches.map((m) => ({ productId: m.productId, score: m.score })),
      why: best ? matcher.explain(enterprise, best.productId).summary : [],
    },
  };
}

// 1. A malformed request: a negative amount and an unknown sector code.
const sample = enterprises.records[0]!;
const bad = handleRecommend({
  ...sample,
  sector: 'Z9999',
  need: { ...sample.need, amount: -1 },
});
console.log(`HTTP ${bad.status}`, JSON.stringify(bad.body, null, 2));

// 2. A valid request.
const ok = handleRecommend(sample);
console.log(`HTTP ${ok.status}`, JSON.stringify(ok.body, null, 2));

// 3. Why can this enterprise not apply for some product? The hints say what would change it.
const notEligible = matcher.products
  .map((p) => matcher.explain(sample, p.id))
  .find((x) => !x.eligible);
if (notEligible) {
  console.log(`\n${sample.name} × ${notEligible.targetId}：`);
  for (const x of notEligible.exclusions) console.log(`  ✗ ${x.message}；${x.hint}`);
}
