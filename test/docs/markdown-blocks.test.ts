import { describe, expect, it } from 'vitest';
import { extractBlocks, unmatchedExpectedJson, unmatchedExpectedLine } from './markdown-blocks.js';

const DOC = [
  '# Title',
  '',
  '```sh',
  'finmatch --version',
  '```',
  '',
  '<!-- output -->',
  '',
  '```text',
  '0.1.0',
  '```',
  '',
  '<!-- not-run: installs from the registry -->',
  '',
  '```sh',
  'npm install finmatch',
  '```',
  '',
  '```ts',
  '// file: helper.mts',
  'export const x = 1;',
  '```',
  '',
  '```json',
  '{}',
  '```',
].join('\n');

describe('extractBlocks', () => {
  it('finds every block with its language, line, markers and expected output', () => {
    const blocks = extractBlocks('doc.md', DOC);
    expect(blocks.map((b) => [b.lang, b.line])).toEqual([
      ['sh', 3],
      ['text', 9],
      ['sh', 15],
      ['ts', 19],
      ['json', 24],
    ]);
    expect(blocks[0]).toMatchObject({
      code: 'finmatch --version\n',
      expectedOutput: '0.1.0\n',
      expectedOutputLang: 'text',
    });
    expect(blocks[1]!.isOutput).toBe(true);
    expect(blocks[2]!.notRun).toBe('installs from the registry');
    expect(blocks[3]!.writesFile).toBe('helper.mts');
    expect(blocks[4]!.notRun).toBeUndefined();
  });

  it('refuses an unclosed fence, a reasonless not-run and an output after prose', () => {
    expect(() => extractBlocks('a.md', '```sh\nls\n')).toThrow('a.md:1: unclosed code fence');
    expect(() => extractBlocks('a.md', '<!-- not-run: -->\n```sh\nls\n```')).toThrow(
      'needs a reason',
    );
    expect(() =>
      extractBlocks('a.md', '```json\n{}\n```\n<!-- output -->\n```text\nx\n```'),
    ).toThrow('must follow a runnable block');
  });

  it('does not carry a marker past the next block', () => {
    const blocks = extractBlocks('a.md', '<!-- not-run: x -->\n```text\nt\n```\n```sh\nls\n```');
    expect(blocks[1]!.notRun).toBeUndefined();
  });
});

describe('unmatchedExpectedLine', () => {
  const actual = 'header\nrank 1  prod-0181  0.8121\nrank 2  prod-0184  0.8072  \nfooter\n';

  it('matches expected lines in order, whole lines, with … as a wildcard', () => {
    expect(unmatchedExpectedLine('rank 1  prod-0181  0.8121\n…\nfooter\n', actual)).toBeUndefined();
    expect(unmatchedExpectedLine('rank 1 …\nrank 2  prod-0184…\n', actual)).toBeUndefined();
  });

  it('names the first line not found, out of order or partial', () => {
    expect(unmatchedExpectedLine('footer\nheader\n', actual)).toBe('header');
    expect(unmatchedExpectedLine('prod-0181\n', actual)).toBe('prod-0181');
    expect(unmatchedExpectedLine('rank 3 …\n', actual)).toBe('rank 3 …');
  });
});

describe('unmatchedExpectedJson', () => {
  const actual = JSON.stringify({
    rankingId: 'rnk_mx4zo6tu82276a712d35841a561b',
    seq: 12799,
    items: [
      { productId: 'prod-0404', score: 0.61, rank: 1 },
      { productId: 'prod-0005', score: 0.55, rank: 2 },
      { productId: 'prod-0100', score: 0.5, rank: 3 },
    ],
    hasMore: true,
  });

  it('matches indented JSON against one line, with … for values, keys and elements', () => {
    const expected = `{
      "rankingId": "rnk_…",
      "seq": "…",
      "items": [{ "productId": "prod-0404", "…": "…" }, "…"],
      "hasMore": true
    }`;
    expect(unmatchedExpectedJson(expected, actual)).toBeUndefined();
    expect(unmatchedExpectedJson('{ "seq": "127…", "…": "…" }', actual)).toBeUndefined();
    expect(
      unmatchedExpectedJson(
        '{ "items": ["…", { "productId": "prod-0100", "…": "…" }], "…": "…" }',
        actual,
      ),
    ).toBeUndefined();
  });

  it('names where the output differs', () => {
    expect(unmatchedExpectedJson('{ "seq": 1, "…": "…" }', actual)).toBe(
      '$.seq: expected 1, got 12799',
    );
    expect(unmatchedExpectedJson('{ "seq": "…", "items": "…" }', actual)).toBe(
      '$: unexpected keys rankingId, hasMore',
    );
    expect(unmatchedExpectedJson('{ "modelSeq": "…", "…": "…" }', actual)).toBe(
      '$.modelSeq: missing',
    );
    expect(unmatchedExpectedJson('{ "items": ["…"], "hasMore": false, "…": "…" }', actual)).toBe(
      '$.hasMore: expected false, got true',
    );
    expect(
      unmatchedExpectedJson(
        '{ "items": [{ "productId": "prod-0005", "…": "…" }, "…"], "…": "…" }',
        actual,
      ),
    ).toMatch(/^\$\.items: no elements match/);
    expect(unmatchedExpectedJson('{ "items": [], "…": "…" }', actual)).toBe(
      '$.items: expected 0 elements, got 3',
    );
    expect(unmatchedExpectedJson('{}', 'not json')).toMatch(/^the output is not one JSON value/);
  });
});
