/**
 * "一月一链" (one month, one industrial chain): a matchmaking event pairs the chain's S&T
 * projects with investors, each investor taking at most its capacity of new deals. Compares
 * a stable assignment (no project and investor would both rather be together) with the
 * optimal one (largest total score).
 *
 * Run: see examples/README.md.
 */
// `assign` is not re-exported from the package entry yet; import it from its module.
import { assign } from '../src/assign/index.js';
import { load, manifestAsOf } from './shared.js';

const projects = await load('project', 'projects.jsonl');
const investors = await load('investor', 'investors.jsonl');
const chains = await load('chain', 'chains.jsonl');

// The chain with the most projects is this month's.
const count = (id: string) => projects.records.filter((p) => p.chains.includes(id)).length;
const chain = [...chains.records].sort(
  (a, b) => count(b.id) - count(a.id) || a.id.localeCompare(b.id),
)[0]!;
const eventProjects = projects.records.filter((p) => p.chains.includes(chain.id));
console.log(
  `${chain.name}：${eventProjects.length} 个项目，${investors.records.length} 家投资机构`,
);

for (const method of ['stable', 'optimal'] as const) {
  const result = assign(eventProjects, investors.records, {
    method,
    matcherOptions: { asOf: manifestAsOf(), chains: chains.records },
  });
  const used = Object.values(result.capacityUse).reduce((s, c) => s + c.used, 0);
  console.log(
    `\n${method === 'stable' ? '稳定匹配' : '最优匹配'}：已匹配 ${result.assignments.length}，未匹配 ${result.unassigned.length}，总分 ${result.totalScore.toFixed(4)}，占用名额 ${used}`,
  );
  for (const a of result.assignments.slice(0, 5))
    console.log(`  ${a.projectId} → ${a.investorId}  ${a.score.toFixed(4)}`);
}
