import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Bundles src/text/index.ts as users get it (dependencies left as imports) and runs it in a
// fresh Node process, which reports which dependency modules were loaded and when.
async function runInChild(
  body: string,
): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const bundle = await build({
    entryPoints: [`${root}src/text/index.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const library = bundle.outputFiles[0]!.text;
  const script = `${library}
import { createRequire as __probeRequire } from 'node:module';
const __loaded = () => Object.keys(__probeRequire(import.meta.url).cache).filter((p) => p.includes('node_modules/')).map((p) => p.replace(/.*node_modules\\//, ''));
${body}`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  return { stdout: child.stdout, stderr: child.stderr, status: child.status };
}

describe('finmatch/text loading', () => {
  it('loads no dependency on import or for English text, ml-matrix only for LSA, and prints nothing', async () => {
    const { stdout, stderr, status } = await runInChild(`
const atImport = __loaded();
tokenize('专精特新小巨人企业');
const afterChinese = __loaded();
tokenize('Financing for R&D');
const afterEnglish = __loaded();
createLsaModel([{ id: 'a', text: '研发 贷款' }, { id: 'b', text: '设备 租赁' }]);
const afterLsa = __loaded();
process.stdout.write(JSON.stringify({ atImport, afterChinese, afterEnglish, afterLsa }));
`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const loaded = JSON.parse(stdout) as Record<string, string[]>;
    expect(loaded.atImport).toEqual([]);
    expect(loaded.afterChinese).toEqual([]);
    // English words are split and stemmed by finmatch's own code (src/text/english.ts).
    expect(loaded.afterEnglish).toEqual([]);
    expect(loaded.afterLsa!.some((p) => p.startsWith('ml-matrix/'))).toBe(true);
  });
});
