import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { capture } from './helpers.js';

describe('createProgress', () => {
  it('prints a plain line at each quarter when stderr is not a terminal', () => {
    const stream = capture(false);
    let t = 0;
    const p = createProgress({ stream, label: 'validating', total: 1000, now: () => (t += 10) });
    for (let i = 0; i < 1000; i++) p.tick();
    p.done();
    p.done();
    const lines = stream.text().trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/, [\d.]+s\)$/, ')'))).toEqual([
      'validating: 25% (250/1,000)',
      'validating: 50% (500/1,000)',
      'validating: 75% (750/1,000)',
      'validating: done (1,000/1,000)',
    ]);
  });

  it('redraws one bar in place on a terminal, throttled', () => {
    const stream = capture(true);
    let t = 0;
    const p = createProgress({ stream, label: 'reading', total: 10, now: () => t });
    p.update(1);
    p.update(2); // same instant: throttled
    t = 500;
    p.update(5);
    p.done();
    const text = stream.text();
    expect(text.split('\r').length - 1).toBe(3);
    expect(text).toContain(' 50% 5/10');
    expect(text.endsWith('100% 10/10 0.5s\n')).toBe(true);
  });

  it('ignores NaN and clamps to the total', () => {
    const stream = capture(false);
    const p = createProgress({ stream, label: 'x', total: 4, now: () => 0 });
    p.update(Number.NaN);
    p.update(99);
    p.done();
    expect(stream.text()).toBe('x: done (4/4, 0.0s)\n');
  });
});
