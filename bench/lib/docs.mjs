// The report as people read it: bench/results/performance.md, and the tables between
// `<!-- bench:start … -->` and `<!-- bench:end -->` in README.md and docs/performance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './report.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Sections the README's table shows: what a user calls, and the assignment beside scipy. */
const README_SECTIONS = [
  'start-up',
  'prospect',
  'rank',
  'sweep',
  'cli',
  'part:validate',
  'part:sweep',
  'part:assign',
];

/** `{ heading, facts, table, notes, body }` of a report (as bench/run.mjs writes it). */
export function renderReport(report) {
  const { machine } = report;
  const { loadAtStart: start, loadAtEnd: end } = machine;
  const heading = `finmatch bench — ${report.scale} scale: ${report.enterprises.toLocaleString('en')} enterprises × ${report.products} products, ${end.at.slice(0, 10)}`;
  const facts = `Machine: ${machine.nproc} cores (nproc), ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}. Load average (1/5/15 min) ${start.loadavg.join(' / ')} at the start (${start.at.slice(11, 16)} UTC), ${end.loadavg.join(' / ')} at the end (${end.at.slice(11, 16)} UTC); above ${machine.nproc}, other work shared the cores and inflated every timing, finmatch's and the anchors' alike.`;
  const table = markdownTable(report.results);
  const notes = report.notes.map((n) => `- ${n}`).join('\n');
  return {
    heading,
    facts,
    table,
    notes,
    body: `# ${heading}\n\n${report.command ? `\`${report.command}\`. ` : ''}${facts}\n\n${table}\n\n${notes}\n`,
  };
}

/**
 * Rewrites the tables between the markers in README.md (the user-facing rows, without notes)
 * and docs/performance.md (every row, with the notes), then formats both with the
 * repository's prettier. Returns the files updated.
 */
export function updateDocTables(report) {
  const { heading, facts, table, notes } = renderReport(report);
  // Reports written before the runner recorded its command said only `npm run bench`.
  const stamp = `${heading.replace(/^finmatch bench — /, '')}, \`${report.command ?? 'npm run bench'}\`. ${facts}`;
  const readmeRows = report.results.filter((r) => README_SECTIONS.includes(r.section));
  const targets = [
    ['README.md', `${stamp}\n\n${markdownTable(readmeRows, { notes: false })}`],
    ['docs/performance.md', `${stamp}\n\n${table}\n\n${notes}`],
  ];
  const updated = [];
  for (const [file, content] of targets) {
    const path = `${repo}${file}`;
    const text = readFileSync(path, 'utf8');
    const re = /(<!-- bench:start[^>]*-->)[\s\S]*?(<!-- bench:end -->)/;
    if (!re.test(text)) continue;
    writeFileSync(
      path,
      text.replace(re, (_, a, b) => `${a}\n\n${content}\n\n${b}`),
    );
    updated.push(file);
  }
  const prettier = `${repo}node_modules/.bin/prettier`;
  if (existsSync(prettier) && updated.length > 0)
    spawnSync(prettier, ['--write', ...updated], { cwd: repo, stdio: 'ignore' });
  return updated;
}
