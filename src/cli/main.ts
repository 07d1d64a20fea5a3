/**
 * Entry point of the `finmatch` executable (bundled to dist/cli.cjs). All logic is in
 * `run.ts`; this file only connects it to the process.
 *
 * @module
 */
import { runCli } from './run.js';
import { EXIT_BROKEN_PIPE, EXIT_IO, STOP_SIGNALS } from './exit-codes.js';
import { detectLocale } from './messages.js';
import { removePendingTemporaries } from '../io/pending.js';

const en = detectLocale(process.argv.slice(2), process.env).locale === 'en';

// Output that cannot be written is output lost: never a stack trace, never exit 0. A reader
// that closes the pipe early (`… | head`) ends the run as SIGPIPE would (141); any other
// failure (a full disk) is an I/O failure (3).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE')
    process.stderr.write(
      en
        ? `finmatch: could not write the output: ${error.code ?? ''} ${error.message}\n`
        : `finmatch：无法写出输出（${error.code ?? ''}）\n`,
    );
  removePendingTemporaries();
  process.exit(error.code === 'EPIPE' ? EXIT_BROKEN_PIPE : EXIT_IO);
});
// An interrupt during reading or ranking: say so (a command with its own handler, such as
// sweep, says what it had written instead).
for (const [signal, code] of STOP_SIGNALS) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    // A file being written atomically is not left behind under its temporary name.
    removePendingTemporaries();
    process.stderr.write(
      en
        ? `finmatch: interrupted by ${signal}; no output after this point\n`
        : `finmatch：被 ${signal} 中断；此后没有输出\n`,
    );
    process.exit(code);
  });
}

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
}).then((code) => {
  process.exitCode = code;
});
