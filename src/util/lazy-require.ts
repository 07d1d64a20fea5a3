/**
 * Loading on first use: a dependency or Node built-in that only some calls need is required
 * when one of them runs, not when `finmatch` is imported, so the import stays fast (each of
 * lru-cache, node:crypto, zod, csv-parse and ml-matrix adds milliseconds to a fresh process's
 * import; see docs/package.md).
 *
 * @module
 */
import { createRequire } from 'node:module';

/**
 * A loader of `specifier` that requires it on its first call and returns the same module after.
 * The ES module build and the CommonJS build both load the package's CommonJS entry.
 *
 * @example const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');
 *          crypto().createHash('sha256');
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(specifier) as T);
}
