// `node bench/lib/update-docs.mjs`: rewrites the tables in README.md and docs/performance.md
// from the last seed-scale run (bench/results/performance.json) without measuring anything
// (`npm run bench -- --update-docs` does the same at the end of a run).
import { readFileSync } from 'node:fs';
import { updateDocTables } from './docs.mjs';

const saved = JSON.parse(
  readFileSync(new URL('../results/performance.json', import.meta.url), 'utf8'),
);
if (!saved.machine?.loadAtEnd) {
  console.error(
    'bench/results/performance.json predates the current report format: run `npm run bench` first',
  );
  process.exit(1);
}
console.error(`updated the tables in ${updateDocTables(saved).join(' and ')}`);
