/**
 * `scripts/sweep-shard.sh`, the entry point of each pod of the whole-market sweep (a
 * Kubernetes Indexed Job, `deploy/k8s/sweep-job.yaml`): the shards of n = 3 together are one
 * unsharded `finmatch sweep`, every enterprise exactly once; a bad environment exits 2 before
 * running anything; a failed sweep leaves no shard file. Also: every YAML document under
 * `deploy/` parses (when a YAML parser is installed) and the Job's shape matches the script.
 *
 * Runs the built CLI (`dist/cli.cjs`; `npm test` builds first). `FINMATCH_BIN` overrides the
 * finmatch command (split on spaces), e.g. `FINMATCH_BIN=finmatch` for an installed one.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/sweep-shard.sh');
const FINMATCH = process.env.FINMATCH_BIN ?? `${process.execPath} ${join(ROOT, 'dist/cli.cjs')}`;
const SHARDS = 3;
const K = '4';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the script with exactly `env` (plus PATH and HOME). */
function shard(env: Record<string, string | undefined>): Promise<Run> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: tmpdir() };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return exec('bash', [SCRIPT], clean);
}

function finmatch(args: string[]): Promise<Run> {
  const [bin, ...pre] = FINMATCH.split(' ').filter(Boolean);
  return exec(bin!, [...pre, ...args], { PATH: process.env.PATH ?? '', HOME: tmpdir() });
}

/** A parsed YAML document, read loosely: the assertions below say what must be in it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const idOf = (line: string) => (JSON.parse(line) as { enterpriseId: string }).enterpriseId;

let root: string;
let input: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'finmatch-sweep-shard-'));
  input = join(root, 'market');
  const generated = await finmatch(['generate', '--out', input, '--scale', 'small', '--seed', '5']);
  expect(generated.code, generated.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scripts/sweep-shard.sh', () => {
  test('the shards of n = 3 together equal one unsharded sweep, every enterprise once', async () => {
    const out = join(root, 'shards');
    const base = { SHARDS: String(SHARDS), INPUT_DIR: input, OUT_DIR: out, K, THREADS: '1' };
    const runs = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        shard({ ...base, JOB_COMPLETION_INDEX: String(i), FINMATCH_BIN: FINMATCH }),
      ),
    );
    for (const [i, r] of runs.entries()) expect(r.code, `shard ${i}: ${r.stderr}`).toBe(0);
    const files = Array.from({ length: SHARDS }, (_, i) => `shard-${i}-of-${SHARDS}.jsonl`);
    expect((await readdir(out)).sort()).toEqual(files);

    const whole = join(root, 'whole.jsonl');
    const refs = ['institutions', 'chains', 'zones', 'interactions'].flatMap((f) => [
      `--${f}`,
      join(input, `${f}.jsonl`),
    ]);
    const unsharded = await finmatch([
      'sweep',
      '--enterprises',
      join(input, 'enterprises.jsonl'),
      '--products',
      join(input, 'products.jsonl'),
      ...refs,
      '--k',
      K,
      '--threads',
      '1',
      '--out',
      whole,
    ]);
    expect(unsharded.code, unsharded.stderr).toBe(0);
    const expected = lines(await readFile(whole, 'utf8'));

    const parts = await Promise.all(
      files.map(async (f) => lines(await readFile(join(out, f), 'utf8'))),
    );
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    const union = parts.flat();
    const ids = union.map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    const enterprises = lines(await readFile(join(input, 'enterprises.jsonl'), 'utf8')).map(
      (l) => (JSON.parse(l) as { id: string }).id,
    );
    expect([...ids].sort()).toEqual([...enterprises].sort());
    const byId = (a: string, b: string) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
    expect(union.sort(byId)).toEqual(expected);
  }, 240_000);

  test('a bad environment exits 2 before running anything', async () => {
    const empty = join(root, 'empty-input');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'enterprises.jsonl'), '');
    const out = join(root, 'bad-out');
    const good = {
      JOB_COMPLETION_INDEX: '0',
      SHARDS: '3',
      INPUT_DIR: input,
      OUT_DIR: out,
      FINMATCH_BIN: FINMATCH,
    };
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ JOB_COMPLETION_INDEX: undefined }, /JOB_COMPLETION_INDEX is not set/],
      [{ JOB_COMPLETION_INDEX: '' }, /JOB_COMPLETION_INDEX must be an integer >= 0, got ''/],
      [{ JOB_COMPLETION_INDEX: '-1' }, /JOB_COMPLETION_INDEX must be an integer/],
      [{ JOB_COMPLETION_INDEX: '1.5' }, /JOB_COMPLETION_INDEX must be an integer/],
      [{ JOB_COMPLETION_INDEX: '08' }, /JOB_COMPLETION_INDEX must be an integer/],
      [{ JOB_COMPLETION_INDEX: '3' }, /\(3\) must be less than SHARDS \(3\)/],
      [{ SHARDS: undefined }, /SHARDS is not set/],
      [{ SHARDS: '0' }, /SHARDS must be an integer >= 1, got '0'/],
      [{ SHARDS: 'three' }, /SHARDS must be an integer >= 1/],
      [{ SHARDS: '1e3' }, /SHARDS must be an integer >= 1/],
      [{ K: '0' }, /K must be an integer >= 1, got '0'/],
      [{ K: '10x' }, /K must be an integer >= 1/],
      [{ AS_OF: '30/06/2026' }, /AS_OF must be a date YYYY-MM-DD/],
      [{ THREADS: 'many' }, /THREADS must be an integer >= 0/],
      [{ INPUT_DIR: undefined }, /INPUT_DIR is not set/],
      [{ INPUT_DIR: join(root, 'nowhere') }, /is not a directory/],
      [{ INPUT_DIR: empty }, /has no readable products\.jsonl/],
      [{ OUT_DIR: undefined }, /OUT_DIR is not set/],
      [{ OUT_DIR: join(input, 'enterprises.jsonl', 'x') }, /OUT_DIR .* cannot be created/],
      [{ FINMATCH_BIN: 'no-such-finmatch-command' }, /no-such-finmatch-command is not a command/],
      [{ FINMATCH_BIN: ' ' }, /FINMATCH_BIN is empty/],
    ];
    for (const [change, message] of cases) {
      const r = await shard({ ...good, ...change });
      const label = JSON.stringify(change);
      expect(r.code, `${label}: ${r.stderr}`).toBe(2);
      expect(r.stderr, label).toMatch(message);
      expect(r.stderr, label).toMatch(/^sweep-shard: /);
    }
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  test('a failed sweep exits with its code and writes no shard file', async () => {
    const out = join(root, 'failed-out');
    const base = {
      JOB_COMPLETION_INDEX: '1',
      SHARDS: '2',
      INPUT_DIR: input,
      OUT_DIR: out,
      FINMATCH_BIN: FINMATCH,
    };
    // A date the script lets through (its shape is right) but finmatch refuses: exit 2.
    // finmatch speaks Chinese unless told otherwise; the script passes FINMATCH_LOCALE through.
    const refused = await shard({ ...base, AS_OF: '2026-02-30', FINMATCH_LOCALE: 'en' });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/--as-of must be a real date/);
    expect(refused.stderr).toMatch(/finmatch sweep failed \(exit 2\)/);
    // A finmatch that dies with an I/O error after writing part of its output.
    const fake = join(root, 'fake-finmatch');
    await writeFile(
      fake,
      '#!/usr/bin/env bash\nfor a; do [[ $prev == --out ]] && echo partial > "$a"; prev=$a; done\nexit 3\n',
    );
    await chmod(fake, 0o755);
    const broken = await shard({ ...base, FINMATCH_BIN: fake });
    expect(broken.code, broken.stderr).toBe(3);
    expect(readdirSync(out)).toEqual([]);
  }, 120_000);
});

describe('deploy/', () => {
  const deploy = join(ROOT, 'deploy');
  const yamlFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? yamlFiles(join(dir, e.name))
        : /\.ya?ml$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );

  test('every YAML document parses, and the sweep Job matches sweep-shard.sh', async () => {
    let parseAllDocuments: ((text: string) => { errors: unknown[]; toJS(): unknown }[]) | undefined;
    try {
      // Not a dependency of finmatch: used when the toolchain happens to install it.
      const name = 'yaml';
      ({ parseAllDocuments } = (await import(name)) as {
        parseAllDocuments: typeof parseAllDocuments;
      });
    } catch {
      console.warn('deploy/: no YAML parser installed; skipping the YAML checks');
      return;
    }
    const files = yamlFiles(deploy);
    expect(files.length).toBeGreaterThan(0);
    const docs: { file: string; doc: Doc }[] = [];
    for (const file of files) {
      for (const parsed of parseAllDocuments!(readFileSync(file, 'utf8'))) {
        expect(parsed.errors, file).toEqual([]);
        const doc = parsed.toJS() as Doc | null;
        if (doc === null) continue;
        expect(typeof doc.apiVersion, file).toBe('string');
        expect(typeof doc.kind, file).toBe('string');
        expect(typeof doc.metadata?.name, file).toBe('string');
        docs.push({ file, doc });
      }
    }
    const kinds = docs.map((d) => d.doc.kind);
    for (const kind of ['Deployment', 'Service', 'Job', 'Secret']) expect(kinds).toContain(kind);

    const deployment = docs.find((d) => d.doc.kind === 'Deployment')!.doc;
    const pod = deployment.spec.template.spec;
    const serve = pod.containers[0];
    expect(serve.args).toEqual(expect.arrayContaining(['serve', '--host', '0.0.0.0']));
    expect(serve.readinessProbe.httpGet.path).toBe('/v1/ready');
    expect(serve.livenessProbe.httpGet.path).toBe('/v1/health');
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(0);
    expect(serve.resources.requests).toBeDefined();

    const job = docs.find((d) => d.doc.kind === 'Job')!.doc;
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const jobPod = job.spec.template.spec;
    const env = Object.fromEntries(
      (jobPod.containers[0].env as { name: string; value?: string }[]).map((e) => [
        e.name,
        e.value,
      ]),
    );
    expect(Number(env.SHARDS)).toBe(job.spec.completions);
    const init = jobPod.initContainers[0];
    expect([...(init.command ?? []), ...init.args].join(' ')).toMatch(/\bfinmatch export\b/);
    expect(jobPod.containers[0].command.join(' ')).toMatch(/sweep-shard\.sh$/);
  });
});
