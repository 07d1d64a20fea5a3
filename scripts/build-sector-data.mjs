// Builds src/taxonomy/data/sectors.json from ../shared/domain (GB/T 4754-2017, all 1,772 codes,
// with zh/en names of sections and divisions and the approximate ISIC Rev.4 mapping).
// Run once when the domain files change: node scripts/build-sector-data.mjs ../shared/domain
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '../shared/domain';
const top = JSON.parse(readFileSync(join(dir, 'sectors-gbt4754-2017.json'), 'utf8'));
const all = JSON.parse(readFileSync(join(dir, 'gbt4754-2017-all-levels.json'), 'utf8'));

const sections = top.sections.map((s) => [
  s.section,
  s.nameZh,
  s.nameEn,
  s.isicRev4.primary.join('/'),
]);
const divisions = top.divisions.map((d) => [
  d.code,
  d.section,
  d.nameZh,
  d.nameEn,
  d.isicRev4Section,
  String(d.isicRev4Divisions ?? ''),
]);
const groups = new Map();
const classes = [];
for (const e of all.entries) {
  if (e.level === 3) groups.set(e.code, e.nameZh);
  if (e.level === 4) classes.push([e.code, e.nameZh]);
}
// Groups that hold a single class appear in the source only through that class: name them after it.
for (const [code, nameZh] of classes) {
  const g = code.slice(0, 3);
  if (!groups.has(g)) groups.set(g, nameZh);
}
const out = {
  standard: top.standard,
  source: all.source,
  sections,
  divisions,
  groups: [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])),
  classes,
};
// A JSON file beside the code, read on first use (sectors.ts): importing finmatch then neither
// compiles nor scans the table — as a 117 KB string literal it still cost a fresh import ~7 ms.
// The build copies it to dist/data/ (tsup.config.ts).
writeFileSync('src/taxonomy/data/sectors.json', `${JSON.stringify(out)}\n`);
console.log(
  `sections ${sections.length}, divisions ${divisions.length}, groups ${out.groups.length}, classes ${classes.length}`,
);
