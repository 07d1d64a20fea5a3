import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/table.js';
import { displayWidth, sanitizeForTerminal, truncateToWidth } from '../../src/cli/text-width.js';

describe('displayWidth', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('专精特新')).toBe(8);
    expect(displayWidth('小巨人 SRDI')).toBe(11);
    expect(displayWidth('（全角）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
  });

  it('truncates by display width', () => {
    expect(truncateToWidth('专精特新中小企业', 7)).toBe('专精特…');
    expect(displayWidth(truncateToWidth('专精特新中小企业', 7))).toBeLessThanOrEqual(7);
    expect(truncateToWidth('short', 10)).toBe('short');
  });

  it('neutralises control characters from data', () => {
    expect(sanitizeForTerminal('a\u001b[31mb\nc')).toBe('a\\u001b[31mb c');
  });
});

describe('renderTable', () => {
  it('aligns mixed Chinese and English columns', () => {
    const out = renderTable(
      [{ header: '梯度 Tier' }, { header: 'n', align: 'right' }],
      [
        ['专精特新"小巨人"', '12'],
        ['none', '3456'],
      ],
    );
    expect(out).toBe(
      [
        `梯度 Tier${' '.repeat(12)}n`,
        `${'─'.repeat(16)}  ${'─'.repeat(4)}`,
        `专精特新"小巨人"${' '.repeat(4)}12`,
        `none${' '.repeat(14)}3456`,
        '',
      ].join('\n'),
    );
  });

  it('gives every line the same display width before trimming (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Z', '中', '企', '1', '，'),
      minLength: 1,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 8 }), (rows) => {
        const out = renderTable([{ header: 'A' }, { header: 'B', align: 'right' }], rows);
        const lines = out.split('\n').slice(0, -1);
        const widths = lines.map(displayWidth);
        // Right-aligned, non-empty last column: every line ends at the same column.
        expect(new Set(widths).size).toBe(1);
      }),
    );
  });
});
