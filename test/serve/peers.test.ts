import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FinmatchError } from '../../src/errors.js';
import {
  MissingDependencyError,
  SERVICE_PEER_DEPENDENCIES,
  importPeer,
  isMissingPackage,
} from '../../src/serve/peers.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** The error Node gives for a package that is not installed, as `import()` and `require` throw it. */
async function notFound(name: string): Promise<{ esm: unknown; cjs: unknown }> {
  let esm: unknown;
  let cjs: unknown;
  try {
    await import(/* @vite-ignore */ name);
  } catch (e) {
    esm = e;
  }
  try {
    createRequire(import.meta.url)(name);
  } catch (e) {
    cjs = e;
  }
  return { esm, cjs };
}

describe('service peer dependencies', () => {
  it('are the optional peerDependencies of package.json, with the same ranges, and not dependencies', () => {
    expect(manifest.peerDependencies).toEqual(SERVICE_PEER_DEPENDENCIES);
    for (const name of Object.keys(SERVICE_PEER_DEPENDENCIES)) {
      expect(manifest.peerDependenciesMeta?.[name]).toEqual({ optional: true });
      expect(manifest.dependencies?.[name]).toBeUndefined();
      // installed for the tests
      expect(manifest.devDependencies?.[name]).toBe(SERVICE_PEER_DEPENDENCIES[name as 'pg']);
    }
  });

  it("recognises Node's not-found errors for the package itself, from import() and require", async () => {
    const { esm, cjs } = await notFound('finmatch-peer-that-is-not-installed');
    expect(isMissingPackage(esm, 'finmatch-peer-that-is-not-installed')).toBe(true);
    expect(isMissingPackage(cjs, 'finmatch-peer-that-is-not-installed')).toBe(true);
    // a package whose name only starts like the peer's is another package
    expect(isMissingPackage(esm, 'finmatch-peer')).toBe(false);
    expect(isMissingPackage(cjs, 'finmatch-peer')).toBe(false);
    expect(isMissingPackage(new Error('boom'), 'fastify')).toBe(false);
    expect(isMissingPackage(undefined, 'fastify')).toBe(false);
  });

  it('importPeer turns a missing peer into a typed, bilingual MissingDependencyError', async () => {
    const missing = Object.assign(
      new Error(
        "Cannot find package 'fastify' imported from /app/node_modules/finmatch/dist/serve.js",
      ),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const error = await importPeer('fastify', () => Promise.reject(missing)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingDependencyError);
    expect(error).toBeInstanceOf(FinmatchError);
    const typed = error as MissingDependencyError;
    expect(typed.code).toBe('MISSING_DEPENDENCY');
    expect(typed.packageName).toBe('fastify');
    expect(typed.versionRange).toBe('^5.12.8');
    expect(typed.cause).toBe(missing);
    expect(typed.messages.zh).toContain('可选依赖 fastify');
    expect(typed.messages.en).toContain('optional dependency fastify');
    for (const text of [typed.messages.zh, typed.messages.en, typed.message])
      expect(text).toContain('npm install fastify@^5.12.8');
    expect(typed.message).toBe(`${typed.messages.zh}\n${typed.messages.en}`);
  });

  it('importPeer passes other failures on and returns the module when it loads', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(importPeer('pg', () => Promise.reject(broken))).rejects.toBe(broken);
    const pg = await importPeer('pg', () => import('pg'));
    expect(typeof pg.Pool).toBe('function');
  });
});
