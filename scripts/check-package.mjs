// Checks the built package the way users get it: `npm pack`, install the tarball into an empty
// project (counting the packages and bytes installed), then import it (ESM and CJS), type-check
// against it, time the import, run the bin, check that the service reports its missing optional
// peers, and run publint and attw (every resolution: node10, node16 CJS and ESM, bundler).
// Run by `npm test` after `npm run build`:
//   node scripts/check-package.mjs
// Prints PASS/FAIL/SKIP per check and exits 1 when any check fails. Dependencies are installed
// from the npm cache filled by `npm ci` (--prefer-offline), so it works without a network.
// docs/package.md explains the budgets and what the package ships.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Import-time budget of the root entry, in milliseconds (median of fresh processes). */
const IMPORT_BUDGET_MS = 100;
/** Fresh processes timed for the import-time median. */
const IMPORT_RUNS = 9;
/**
 * Budget of `npm install finmatch` in an empty project: bytes of every installed file (apparent
 * size, as npm's `unpackedSize`; decimal megabytes). 9 packages, 17.9 MB on 2026-12-01.
 */
const INSTALL_BUDGET_BYTES = 20_000_000;
/** Sub-path entries checked when their dist file exists. */
const SUBPATHS = ['text', 'eval', 'fast', 'serve'];
/** Longest any one child process may run (`timeoutMs` overrides it). */
const STEP_TIMEOUT_MS = 60_000;
/** Longest the type checks (tsc, attw) may run: each takes ~10 s idle and over 60 s on a loaded machine. */
const TYPE_CHECK_TIMEOUT_MS = 240_000;

const started = performance.now();
const results = [];
let failed = false;

function report(status, name, detail = '') {
  results.push({ status, name });
  if (status === 'FAIL') failed = true;
  const line = `${status.padEnd(4)}  ${name}${detail ? ` — ${detail}` : ''}`;
  (status === 'FAIL' ? console.error : console.log)(line);
}

/** Runs a command; resolves to { code, stdout, stderr } and never rejects. */
function exec(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? STEP_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(error) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `npm` prints a config warning on some machines; it is noise, not output of the package. */
const withoutNpmNoise = (text) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('npm warn') && !l.startsWith('npm WARN'))
    .join('\n')
    .trim();

async function check(name, fn) {
  const t0 = performance.now();
  const took = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  try {
    const outcome = await fn();
    if (outcome && outcome.skip) report('SKIP', name, outcome.skip);
    else report('PASS', name, [outcome?.detail, took()].filter(Boolean).join(', '));
  } catch (error) {
    report('FAIL', name, `${took()}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function expectOk(result, what) {
  if (result.code !== 0) {
    const output = withoutNpmNoise(`${result.stdout}\n${result.stderr}`)
      .split('\n')
      .slice(-15)
      .join('\n');
    throw new Error(`${what} exited with ${result.code}\n${output}`);
  }
  return result;
}

if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'cli.cjs'))) {
  report(
    'FAIL',
    'dist present',
    'dist/index.js or dist/cli.cjs missing: run `npm run build` first',
  );
  process.exit(1);
}

const work = await mkdtemp(join(tmpdir(), 'finmatch-package-'));
const project = join(work, 'project');
try {
  // 1. Pack and install into an empty project.
  let tarball;
  await check('npm pack', async () => {
    const packed = expectOk(
      // --ignore-scripts: dist/ is built already (`npm run build`); prepack would rebuild it.
      await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]),
      'npm pack',
    );
    const json = packed.stdout.slice(packed.stdout.indexOf('['));
    const [info] = JSON.parse(json);
    tarball = join(work, info.filename);
    const maps = info.files.filter((f) => f.path.endsWith('.map')).map((f) => f.path);
    if (maps.length > 0) throw new Error(`source maps in the package: ${maps.join(', ')}`);
    // `finmatch serve` reads the officer console's files from dist/console/ at start.
    const shipped = new Set(info.files.map((f) => f.path));
    const consoleFiles = ['index.html', 'console.css', 'console.js'].map(
      (f) => `dist/console/${f}`,
    );
    const missing = consoleFiles.filter((f) => !shipped.has(f));
    if (missing.length > 0)
      throw new Error(`the officer console is not in the package: ${missing.join(', ')}`);
    return {
      detail: `${info.filename}, ${info.entryCount} files, ${megabytes(info.size)} packed, ${megabytes(info.unpackedSize)} unpacked`,
    };
  });
  if (!tarball) throw new Error('cannot continue without a tarball');

  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'finmatch-package-check', version: '0.0.0', private: true }, null, 2),
  );
  await check('npm install <tarball> into an empty project', async () => {
    expectOk(
      await exec(
        'npm',
        [
          'install',
          tarball,
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          '--loglevel=error',
        ],
        { cwd: project },
      ),
      'npm install',
    );
  });
  await check(`installed size ≤ ${megabytes(INSTALL_BUDGET_BYTES)}`, async () => {
    const modules = join(project, 'node_modules');
    const lock = JSON.parse(await readFile(join(modules, '.package-lock.json'), 'utf8'));
    const packages = Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/'));
    const bytes = await treeBytes(modules);
    const largest = await Promise.all(
      packages.map(async (p) => [
        p.slice('node_modules/'.length),
        await treeBytes(join(project, p)),
      ]),
    );
    largest.sort((a, b) => b[1] - a[1]);
    const detail = `${packages.length} packages, ${megabytes(bytes)} (largest: ${largest
      .slice(0, 4)
      .map(([name, size]) => `${name} ${megabytes(size)}`)
      .join(', ')})`;
    if (bytes > INSTALL_BUDGET_BYTES) throw new Error(detail);
    const peers = ['fastify', 'pg', '@electric-sql/pglite', 'prom-client', 'pino'].filter((name) =>
      packages.includes(`node_modules/${name}`),
    );
    if (peers.length > 0)
      throw new Error(`optional peers installed by default: ${peers.join(', ')}`);
    return { detail };
  });

  const node = (args, options) => exec(process.execPath, args, { cwd: project, ...options });
  const available = SUBPATHS.filter(
    (name) =>
      existsSync(join(root, 'dist', `${name}.js`)) && existsSync(join(root, 'dist', `${name}.cjs`)),
  );

  // 2. Runtime checks, each in a fresh process; independent, so run together.
  await Promise.all([
    check('ESM import exposes parseEnterprise and normalizeSectorCode', async () => {
      const code = `import * as f from 'finmatch';
        if (typeof f.parseEnterprise !== 'function') throw new Error('parseEnterprise missing');
        if (f.normalizeSectorCode('3911') !== 'C3911') throw new Error('normalizeSectorCode gave ' + f.normalizeSectorCode('3911'));
        if (f.DEFAULT_LOCALE !== 'zh') throw new Error('DEFAULT_LOCALE');`;
      expectOk(await node(['--input-type=module', '-e', code]), 'ESM import');
    }),
    check('CJS require exposes parseEnterprise and normalizeSectorCode', async () => {
      const code = `const f = require('finmatch');
        if (typeof f.parseEnterprise !== 'function') throw new Error('parseEnterprise missing');
        if (f.normalizeSectorCode('3911') !== 'C3911') throw new Error('normalizeSectorCode');
        try { f.parseEnterprise({ id: 'E1' }); throw new Error('invalid record accepted'); }
        catch (e) { if (e.code !== 'VALIDATION_FAILED') throw e; }`;
      expectOk(await node(['-e', code]), 'CJS require');
    }),
    check('importing prints nothing (ESM and CJS)', async () => {
      for (const [label, args] of [
        ['ESM', ['--input-type=module', '-e', "import 'finmatch';"]],
        ['CJS', ['-e', "require('finmatch');"]],
      ]) {
        const r = expectOk(await node(args), `${label} import`);
        if (r.stdout !== '' || r.stderr !== '')
          throw new Error(
            `${label} import printed: ${JSON.stringify((r.stdout + r.stderr).slice(0, 200))}`,
          );
      }
    }),
    check('finmatch --help (bin)', async () => {
      const r = expectOk(
        await exec(join(project, 'node_modules', '.bin', 'finmatch'), ['--help'], { cwd: project }),
        'finmatch --help',
      );
      if (!r.stdout.includes('validate'))
        throw new Error('help does not list the validate command');
      const v = expectOk(
        await exec(join(project, 'node_modules', '.bin', 'finmatch'), ['--version'], {
          cwd: project,
        }),
        'finmatch --version',
      );
      return { detail: `version ${v.stdout.trim()}` };
    }),
    check(
      'without its optional peers, the service fails with MISSING_DEPENDENCY (API and bin)',
      async () => {
        if (!available.includes('serve')) return { skip: 'dist/serve.js not built yet' };
        const expectMissing = (r, what) => {
          const out = `${r.stdout}\n${r.stderr}`;
          if (r.code === 0 || !out.includes('MISSING_DEPENDENCY') || !out.includes('npm install'))
            throw new Error(`${what}: exit ${r.code}, ${JSON.stringify(out.slice(0, 300))}`);
        };
        const script = (load) =>
          `${load}.createServer({ workers: 0, logger: false }).then(
          () => { console.log('started'); process.exit(0); },
          (e) => { console.log(e.code, e.name, e.packageName, e.message); process.exit(e.code === 'MISSING_DEPENDENCY' && e instanceof m.MissingDependencyError ? 1 : 0); })`;
        expectMissing(
          await node([
            '--input-type=module',
            '-e',
            `const m = await import('finmatch/serve'); ${script('m')}`,
          ]),
          'ESM createServer()',
        );
        expectMissing(
          await node(['-e', `const m = require('finmatch/serve'); ${script('m')}`]),
          'CJS createServer()',
        );
        expectMissing(
          await exec(
            join(project, 'node_modules', '.bin', 'finmatch'),
            ['serve', '--database', 'memory:', '--port', '0'],
            {
              cwd: project,
            },
          ),
          'finmatch serve',
        );
      },
    ),
    ...SUBPATHS.map((name) =>
      check(`sub-path finmatch/${name} (ESM and CJS)`, async () => {
        if (!available.includes(name)) return { skip: `dist/${name}.js not built yet` };
        expectOk(
          await node([
            '--input-type=module',
            '-e',
            `import * as m from 'finmatch/${name}'; if (Object.keys(m).length === 0) throw new Error('no exports');`,
          ]),
          `import finmatch/${name}`,
        );
        expectOk(
          await node([
            '-e',
            `const m = require('finmatch/${name}'); if (Object.keys(m).length === 0) throw new Error('no exports');`,
          ]),
          `require finmatch/${name}`,
        );
      }),
    ),
  ]);

  // 3. Import time, sequentially so the measurements do not compete for the CPU.
  await check(
    `import time (median of ${IMPORT_RUNS} fresh processes) ≤ ${IMPORT_BUDGET_MS} ms`,
    async () => {
      const code = `const t0 = performance.now(); await import('finmatch'); process.stdout.write(String(performance.now() - t0));`;
      const times = [];
      for (let i = 0; i < IMPORT_RUNS; i++) {
        const r = expectOk(await node(['--input-type=module', '-e', code]), 'timed import');
        times.push(Number(r.stdout));
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const compiled = await importGraphBytes(
        join(project, 'node_modules', 'finmatch', 'dist'),
        'index.js',
      );
      const detail =
        `median ${median.toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(1)).join(', ')}); ` +
        `the root entry compiles ${compiled.files} files, ${(compiled.bytes / 1024).toFixed(0)} KB of finmatch's own code`;
      if (!(median <= IMPORT_BUDGET_MS)) throw new Error(detail);
      return { detail };
    },
  );

  // 4. Types under moduleResolution node16, from an ES module (.mts) and a CommonJS one (.cts),
  // and the linters of published packages: independent, so run together.
  const typesCheck = check(
    'types type-check under moduleResolution node16 (.mts and .cts)',
    async () => {
      await writeFile(
        join(project, 'tsconfig.json'),
        JSON.stringify(
          {
            compilerOptions: {
              module: 'node16',
              moduleResolution: 'node16',
              target: 'ES2022',
              strict: true,
              noEmit: true,
              skipLibCheck: false,
              // The package's declarations may mention Node types; use the repository's @types/node.
              typeRoots: [join(root, 'node_modules', '@types')],
              types: ['node'],
            },
            files: ['check.mts', 'check.cts'],
          },
          null,
          2,
        ),
      );
      const body = (ns) => `
const record: ${ns}Enterprise = ${ns}parseEnterprise({
  id: 'E1', name: '南京智造', sector: '3911', region: '320102', stage: 'growth',
  foundedYear: 2015, employees: 120, annualRevenue: 8e7,
  need: { amount: 5e6, termMonths: 36, instruments: ['loan'], purpose: 'equipment' },
});
const amount: number = record.need.amount;
const sector: string | undefined = ${ns}normalizeSectorCode('3911');
const locale: ${ns}Locale = 'en';
export { amount, sector, locale };
`;
      await writeFile(
        join(project, 'check.mts'),
        `import { parseEnterprise, normalizeSectorCode, type Enterprise, type Locale } from 'finmatch';\n${body('')}`,
      );
      await writeFile(
        join(project, 'check.cts'),
        `import finmatch = require('finmatch');\n${body('finmatch.')}`,
      );
      expectOk(
        await exec(bin('tsc'), ['-p', join(project, 'tsconfig.json')], {
          cwd: project,
          timeoutMs: TYPE_CHECK_TIMEOUT_MS,
        }),
        'tsc',
      );
    },
  );

  await Promise.all([
    typesCheck,
    check('publint', async () => {
      const r = expectOk(await exec(bin('publint'), ['run', tarball, '--strict']), 'publint');
      return { detail: withoutNpmNoise(r.stdout).split('\n').slice(-1)[0] ?? '' };
    }),
    check('attw (are the types wrong?)', async () => {
      // Every resolution (node10 through `typesVersions`, node16 CJS and ESM, bundler).
      const missing = SUBPATHS.filter((name) => !available.includes(name)).map(
        (name) => `./${name}`,
      );
      const args = [tarball, '--format', 'ascii', '--no-emoji', '--no-color'];
      if (missing.length > 0) args.push('--exclude-entrypoints', ...missing);
      expectOk(await exec(bin('attw'), args, { timeoutMs: TYPE_CHECK_TIMEOUT_MS }), 'attw');
      return missing.length > 0
        ? { detail: `not built yet, excluded: ${missing.join(', ')}` }
        : undefined;
    }),
  ]);
} catch (error) {
  report('FAIL', 'package check', error instanceof Error ? error.message : String(error));
} finally {
  await rm(work, { recursive: true, force: true });
}

/**
 * Files and bytes of finmatch's own modules that importing `entry` loads: the static import
 * graph of relative imports from `entry` in the built `dist` (what the import-time check pays to compile).
 */
async function importGraphBytes(dist, entry) {
  const seen = new Set();
  const queue = [entry];
  let bytes = 0;
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(dist, file), 'utf8');
    bytes += Buffer.byteLength(text);
    for (const m of text.matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) queue.push(m[1]);
  }
  return { files: seen.size, bytes };
}

/** Bytes of every file under `path` (apparent size; links not followed). */
async function treeBytes(path) {
  const stat = await lstat(path);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await treeBytes(join(path, entry));
  return total;
}

/** `12.3 MB` (decimal). */
function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const count = (status) => results.filter((r) => r.status === status).length;
console.log(
  `\ncheck-package: ${failed ? 'FAIL' : 'PASS'} (${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);
