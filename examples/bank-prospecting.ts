/**
 * A bank prospects for one of its products: the best eligible enterprises on an industrial
 * chain, then in a province, and the explanation of the first prospect for the loan officer.
 *
 * Run: see examples/README.md.
 */
import { createEnterpriseIndex, createProductMatcher } from '../src/index.js';
import { load, manifestAsOf } from './shared.js';

const asOf = manifestAsOf();
const products = await load('product', 'products.jsonl');
const enterprises = await load('enterprise', 'enterprises.jsonl');
const chains = await load('chain', 'chains.jsonl');
const zones = await load('zone', 'zones.jsonl');
const reference = { asOf, locale: 'zh' as const, chains: chains.records, zones: zones.records };

const index = createEnterpriseIndex(enterprises.records, reference);
const matcher = createProductMatcher(products.records, reference);

// The bank's product: the catalogue product with the most takers among the first enterprises.
const takers = new Map<string, number>();
for (const e of enterprises.records.slice(0, 200))
  for (const m of matcher.rankProducts(e, { k: 3 }))
    takers.set(m.productId, (takers.get(m.productId) ?? 0) + 1);
const productId = [...takers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
const product = matcher.products.find((p) => p.id === productId)!;
console.log(`产品 ${product.id} ${product.name}`);

// On one chain ("链式"获客): the chain most of its best prospects are on.
const chainVotes = new Map<string, number>();
for (const m of index.prospectEnterprises(product, { k: 50 })) {
  const e = enterprises.records.find((x) => x.id === m.enterpriseId)!;
  for (const c of e.chains) chainVotes.set(c.chainId, (chainVotes.get(c.chainId) ?? 0) + 1);
}
const chainId = [...chainVotes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
const chain = chains.records.find((c) => c.id === chainId) ?? chains.records[0]!;
const onChain = index.prospectEnterprises(product, { k: 5, filter: { chains: [chain.id] } });
console.log(`\n${chain.name}：`);
for (const m of onChain) console.log(`  ${m.rank}. ${m.enterpriseId} ${m.score.toFixed(4)}`);

// In one province (GB/T 2260 prefix).
const province = product.regions[0]?.slice(0, 2) ?? '32';
const inProvince = index.prospectEnterprises(product, { k: 5, filter: { regions: [province] } });
console.log(`\n地区 ${province}：`);
for (const m of inProvince) console.log(`  ${m.rank}. ${m.enterpriseId} ${m.score.toFixed(4)}`);

// Explain the first prospect to the loan officer: contributions add up to the score.
const first = inProvince[0] ?? onChain[0];
if (first) {
  const enterprise = enterprises.records.find((e) => e.id === first.enterpriseId)!;
  const explanation = matcher.explain(enterprise, product.id);
  console.log(`\n${enterprise.name}：`);
  for (const line of explanation.summary) console.log(`  ${line}`);
}
