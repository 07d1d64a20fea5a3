/**
 * Progress reports on stderr, never stdout. On a terminal: one bar redrawn in place. Otherwise
 * (a log file, CI): a plain line at each quarter of work that has already run for
 * {@link PROGRESS_PLAIN_AFTER_MS}, so logs show that long work is moving; quick work leaves no
 * line at all (no "done (1/1)" noise), and a "done" line ends only a report that printed one.
 *
 * @module
 */
import type { CliWriter } from './types.js';

/** Fewest milliseconds between two redraws of a terminal bar. */
export const PROGRESS_REDRAW_MS = 100;
/** Width of the bar itself, in characters. */
export const PROGRESS_BAR_WIDTH = 24;
/** Plain (non-terminal) progress prints a line each time this fraction of the work is crossed. */
export const PROGRESS_PLAIN_STEP = 0.25;
/**
 * Plain (non-terminal) progress stays silent until the work has run this long (ms): reading a
 * small file or ranking a few subjects is over before a log reader would want news of it.
 */
export const PROGRESS_PLAIN_AFTER_MS = 2000;

/** A running progress report. */
export interface ProgressReporter {
  /** Sets the amount done (clamped to [0, total]). */
  update(done: number): void;
  /** Adds `n` (default 1) to the amount done. */
  tick(n?: number): void;
  /** Marks the work finished and ends the line. Further calls do nothing. */
  done(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where to draw; only `stream.isTTY` decides between bar and plain lines. */
  stream: CliWriter;
  /** What is being done (`reading`, `validating enterprises`). */
  label: string;
  /** Amount of work; 0 or less shows no percentage. */
  total: number;
  /** Clock in milliseconds, for tests. Default `performance.now`. */
  now?: () => number;
}

/** Creates a progress reporter. */
export function createProgress(options: ProgressOptions): ProgressReporter {
  const { stream, label } = options;
  const total = Number.isFinite(options.total) && options.total > 0 ? options.total : 0;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const tty = stream.isTTY === true;
  let done = 0;
  let lastDraw = -Infinity;
  let lastStep = 0;
  let finished = false;
  /** A plain line was printed: the report then ends with a "done" line. */
  let printed = false;

  const fraction = (): number => (total > 0 ? Math.min(1, done / total) : 0);
  const counts = (): string =>
    total > 0
      ? `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
      : done.toLocaleString('en-US');
  const seconds = (): string => `${((now() - started) / 1000).toFixed(1)}s`;

  const draw = (force: boolean): void => {
    if (tty) {
      const t = now();
      if (!force && t - lastDraw < PROGRESS_REDRAW_MS) return;
      lastDraw = t;
      const f = fraction();
      const filled = Math.round(f * PROGRESS_BAR_WIDTH);
      const bar =
        total > 0
          ? `[${'█'.repeat(filled)}${'░'.repeat(PROGRESS_BAR_WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}% `
          : '';
      stream.write(`\r\u001b[2K${label} ${bar}${counts()} ${seconds()}`);
      return;
    }
    if (total <= 0) return;
    const step = Math.floor(fraction() / PROGRESS_PLAIN_STEP);
    if (step > lastStep && step < 1 / PROGRESS_PLAIN_STEP) {
      lastStep = step;
      if (now() - started < PROGRESS_PLAIN_AFTER_MS) return;
      printed = true;
      stream.write(
        `${label}: ${(step * PROGRESS_PLAIN_STEP * 100).toFixed(0)}% (${counts()}, ${seconds()})\n`,
      );
    }
  };

  return {
    update(value) {
      if (finished || !Number.isFinite(value)) return;
      done = Math.max(0, total > 0 ? Math.min(total, value) : value);
      draw(false);
    },
    tick(n = 1) {
      this.update(done + n);
    },
    done() {
      if (finished) return;
      finished = true;
      if (total > 0) done = total;
      if (tty) {
        draw(true);
        stream.write('\n');
      } else if (printed) {
        stream.write(`${label}: 100% (${counts()}, ${seconds()})\n`);
      }
    },
  };
}
