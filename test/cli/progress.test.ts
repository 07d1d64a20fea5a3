import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_PLAIN_AFTER_MS } from '../../src/cli/progress.js';
import { capture } from './helpers.js';

describe('createProgress', () => {
  it('prints a plain line at each quarter of long work when stderr is not a terminal', () => {
    const stream = capture(false);
    let t = 0;
    const p = createProgress({ stream, label: 'validating', total: 1000, now: () => t });
    for (let i = 0; i < 1000; i++) {
      t += 10;
      p.tick();
    }
    p.done();
    p.done();
    const lines = stream.text().trimEnd().split('\n');
    // 10 ms a tick: the 25% mark falls at 2.5 s, past PROGRESS_PLAIN_AFTER_MS.
    expect(lines.map((l) => l.replace(/, [\d.]+s\)$/, ')'))).toEqual([
      'validating: 25% (250/1,000)',
      'validating: 50% (500/1,000)',
      'validating: 75% (750/1,000)',
      'validating: 100% (1,000/1,000)',
    ]);
  });

  it('prints nothing for quick work off a terminal (no "done (1/1)" noise)', () => {
    const stream = capture(false);
    let t = 0;
    const p = createProgress({ stream, label: 'ranking', total: 1000, now: () => t });
    for (let i = 0; i < 1000; i++) {
      t += 1;
      p.tick();
    }
    p.done();
    expect(stream.text()).toBe('');
    const one = capture(false);
    const q = createProgress({ stream: one, label: 'reading', total: 1, now: () => 0 });
    q.update(1);
    q.done();
    expect(one.text()).toBe('');
  });

  it('starts reporting only once the work has run PROGRESS_PLAIN_AFTER_MS', () => {
    const stream = capture(false);
    let t = 0;
    const p = createProgress({ stream, label: 'x', total: 4, now: () => t });
    p.update(1); // 25% at 0 s: too early to report
    t = PROGRESS_PLAIN_AFTER_MS;
    p.update(2);
    p.update(3);
    p.done();
    expect(stream.text().replace(/, [\d.]+s\)/g, ')')).toBe(
      'x: 50% (2/4)\nx: 75% (3/4)\nx: 100% (4/4)\n',
    );
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
    expect(stream.text()).toBe('');
  });
});
