/**
 * Entry point of the `finmatch` executable (bundled to dist/cli.cjs). All logic is in
 * `run.ts`; this file only connects it to the process.
 *
 * @module
 */
import { runCli } from './run.js';
import { EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_IO, EXIT_TERMINATED } from './exit-codes.js';

// Output that cannot be written is output lost: never a stack trace, never exit 0. A reader
// that closes the pipe early (`… | head`) ends the run as SIGPIPE would (141); any other
// failure (a full disk) is an I/O failure (3).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE')
    process.stderr.write(
      `finmatch: could not write the output: ${error.code ?? ''} ${error.message}\n`,
    );
  process.exit(error.code === 'EPIPE' ? EXIT_BROKEN_PIPE : EXIT_IO);
});
// An interrupt during reading or ranking: say so (a command with its own handler, such as
// sweep, says what it had written instead).
for (const [signal, code] of [
  ['SIGINT', EXIT_INTERRUPTED],
  ['SIGTERM', EXIT_TERMINATED],
] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    process.stderr.write(`finmatch: interrupted by ${signal}; no output after this point\n`);
    process.exit(code);
  });
}

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
