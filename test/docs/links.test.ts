/**
 * Every relative link of README.md, DESIGN_DOCUMENT.md and docs/*.md names a file of the repository and, with a
 * `#fragment`, a heading of that file (GitHub's anchors), so moving a section cannot leave a
 * dead link behind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = [
  'README.md',
  'DESIGN_DOCUMENT.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code fences), numbered when repeated. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** The link targets of a Markdown text outside code: `[text](target)`. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('documentation links', () => {
  it('derives anchors as GitHub does', () => {
    expect(headingAnchor('`finmatch validate FILE --kind KIND`')).toBe(
      'finmatch-validate-file---kind-kind',
    );
    expect(headingAnchor('Bundles (股贷债保)')).toBe('bundles-股贷债保');
    expect(headingAnchor('S&T project (`project`)')).toBe('st-project-project');
  });

  for (const file of FILES) {
    it(`${file}: every relative link and anchor resolves`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const broken: string[] = [];
      for (const link of linksOf(text)) {
        if (/^[a-z]+:/i.test(link)) continue; // http:, https:, mailto:
        const [path, fragment] = link.split('#', 2) as [string, string | undefined];
        const target = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
        if (!existsSync(target)) {
          broken.push(`${link}: ${relative(ROOT, target)} does not exist`);
          continue;
        }
        if (fragment === undefined || !target.endsWith('.md') || statSync(target).isDirectory())
          continue;
        const anchor = decodeURIComponent(fragment);
        if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor))
          broken.push(`${link}: no heading with anchor #${anchor} in ${relative(ROOT, target)}`);
      }
      expect(broken).toEqual([]);
    });
  }

  it("finds the README's links (the checker is not vacuous)", () => {
    const links = linksOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(links).toContain('docs/serve.md');
    expect(links.filter((l) => l.includes('#')).length).toBeGreaterThan(5);
  });
});
