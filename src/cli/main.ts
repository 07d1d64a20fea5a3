/**
 * Entry point of the `finmatch` executable (bundled to dist/cli.cjs). All logic is in
 * `run.ts`; this file only connects it to the process.
 *
 * @module
 */
import { runCli } from './run.js';

// `finmatch validate … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
