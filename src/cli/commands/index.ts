/**
 * The command registry: every `finmatch` command, in the order `finmatch --help` lists them.
 *
 * To add a command: write `src/cli/commands/<name>.ts` exporting a `CliCommand` (see
 * `../types.ts`; `validate.ts` is a complete example), import it here and add it to
 * `COMMANDS` — one line each. Heavy modules should be imported inside `run()` with
 * `await import(...)` so `finmatch --help` stays instant.
 *
 * @module
 */
import type { CliCommand } from '../types.js';
import { assignCommand } from './assign.js';
import { bundlesCommand } from './bundles.js';
import { demoCommand } from './demo.js';
import { evaluateCommand } from './evaluate.js';
import { explainCommand } from './explain.js';
import { exportCommand } from './export.js';
import { generateCommand } from './generate.js';
import { matchCommand } from './match.js';
import { prospectCommand } from './prospect.js';
import { rankCommand } from './rank.js';
import { serveCommand } from './serve.js';
import { sweepCommand } from './sweep.js';
import { tuneCommand } from './tune.js';
import { validateCommand } from './validate.js';

/** Every command, in help order. Add new commands here (rank, prospect, match, assign, explain, bundles, evaluate, tune, sweep). */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  generateCommand,
  demoCommand,
  evaluateCommand,
  rankCommand,
  prospectCommand,
  matchCommand,
  assignCommand,
  explainCommand,
  bundlesCommand,
  tuneCommand,
  sweepCommand,
  serveCommand,
  exportCommand,
];
