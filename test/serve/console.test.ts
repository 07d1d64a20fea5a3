/**
 * The officer console as the service serves it (files, headers, the Content-Security-Policy),
 * its static code (no HTML built from data, both locales complete), the copy the build puts
 * in dist/, and the API routes it relies on: the profile's labels and code names, and chains
 * and zones read by an institution key without other institutions' product ids. The console
 * itself runs in Chromium in console.browser.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApiDocument } from '../../src/serve/api/openapi.js';
import { CONSOLE_CSP, CONSOLE_FILES, loadConsoleAssets } from '../../src/serve/console/index.js';
import type { FinmatchServer } from '../../src/serve/server.js';
import { responseValidator } from './conformance.js';
import {
  emptyStore,
  roleKeys,
  service,
  storeMarket,
  testMarket,
  twoInstitutions,
} from './helpers.js';

const STATIC = fileURLToPath(new URL('../../src/serve/console/static/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/console/', import.meta.url));
const market = testMarket(100);
const [instA, instB] = twoInstitutions(market);
const check = responseValidator(openApiDocument());
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('the console files', () => {
  const html = readFileSync(STATIC + 'index.html', 'utf8');
  const js = readFileSync(STATIC + 'console.js', 'utf8');

  test('the page runs no inline script or style: one module script and one sheet, from this origin', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toMatch(/type="module" src="console\.js"/);
    expect(scripts[0]![2]!.trim()).toBe('');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no event-handler attributes
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // nothing from another origin
  });

  test('the script builds no HTML from strings and evaluates no code', () => {
    for (const sink of [
      /\.innerHTML\b/,
      /\.outerHTML\b/,
      /insertAdjacentHTML/,
      /document\.write/,
      /\beval\(/,
      /new Function\(/,
    ])
      expect(js).not.toMatch(sink);
    // The key goes in a header, never in a URL or in localStorage.
    expect(js).not.toMatch(/localStorage/);
    expect(js).toMatch(/authorization: `Bearer \$\{state\.key\}`/);
  });

  test('both locales have the same texts, English without Chinese and Chinese in Chinese', async () => {
    // A browser module: imported by URL so TypeScript does not look for its types.
    const url = pathToFileURL(STATIC + 'console.js').href;
    const { MESSAGES } = (await import(url)) as {
      MESSAGES: Record<'zh' | 'en', Record<string, unknown>>;
    };
    const shape = (table: Record<string, unknown>): string[] =>
      Object.entries(table)
        .flatMap(([key, value]) =>
          value !== null && typeof value === 'object'
            ? shape(value as Record<string, unknown>).map((k) => `${key}.${k}`)
            : [`${key}:${typeof value}`],
        )
        .sort();
    expect(shape(MESSAGES.en)).toEqual(shape(MESSAGES.zh));
    const sample = {
      n: 2,
      from: 1,
      to: 20,
      eligible: true,
      failed: 1,
      fails: 2,
      only: 1,
      shown: 3,
      more: true,
      ineligible: 1,
      score: '0.5',
      label: 'x',
      rankingId: 'rnk_1',
      modelVersion: 'm1',
      asOf: '2026-06-30',
      enterprise: 'e',
      product: 'p',
      strategy: 's',
      name: 'n',
      version: '1',
      model: 'm1',
      role: 'r',
      keyId: 'k',
      id: 'i',
      amount: '1',
      term: 12,
      status: 500,
      message: 'm',
      code: 'C',
      requestId: 'q',
      productId: 'prod-1',
    };
    const texts = (table: Record<string, unknown>): string[] =>
      Object.values(table).flatMap((value) =>
        typeof value === 'function'
          ? [String(value(sample))]
          : value !== null && typeof value === 'object'
            ? texts(value as Record<string, unknown>)
            : [String(value)],
      );
    for (const text of texts(MESSAGES.en)) expect(text, text).not.toMatch(CJK);
    const zh = texts(MESSAGES.zh).filter((text) => !CJK.test(text));
    expect(zh).toEqual([]);
  });

  test('the build copies the files to dist/console/ unchanged (the built package serves those)', () => {
    expect(existsSync(DIST), `${DIST} is missing: run \`npm run build\``).toBe(true);
    for (const name of Object.keys(CONSOLE_FILES))
      expect(readFileSync(DIST + name).equals(readFileSync(STATIC + name)), name).toBe(true);
    expect([...loadConsoleAssets([DIST]).keys()].sort()).toEqual(Object.keys(CONSOLE_FILES).sort());
  });

  test('missing files are an error naming where they were looked for', () => {
    expect(() => loadConsoleAssets(['/nonexistent/a/', '/nonexistent/b/'])).toThrow(
      /console's files .* are in none of \/nonexistent\/a\/, \/nonexistent\/b\//,
    );
  });
});

describe('the console as served, and the routes it uses', () => {
  let server: FinmatchServer;
  let bare: FinmatchServer;
  let keys: Awaited<ReturnType<typeof roleKeys>>;
  let cleanup: () => Promise<void>;
  let closeStore: () => Promise<void>;

  beforeAll(async () => {
    const opened = await emptyStore('pglite');
    cleanup = opened.cleanup;
    closeStore = () => opened.store.close();
    await storeMarket(opened.store, market);
    keys = await roleKeys(opened.store, [instA, instB]);
    server = await service(opened.store);
    bare = await service(opened.store, { console: false });
  }, 120_000);

  afterAll(async () => {
    await bare?.close();
    await server?.close();
    await closeStore?.();
    await cleanup?.();
  });

  const get = (url: string, headers: Record<string, string> = {}, on = server) =>
    on.app.inject({ method: 'GET', url, headers });

  test('/console redirects to /console/, which serves the page with a strict policy', async () => {
    const redirect = await get('/console');
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/console/');
    const page = await get('/console/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toBe(readFileSync(STATIC + 'index.html', 'utf8'));
  });

  test('each file with its media type and an ETag; revalidation answers 304', async () => {
    for (const [name, type] of Object.entries(CONSOLE_FILES)) {
      const r = await get(`/console/${name}`);
      expect(r.statusCode, name).toBe(200);
      expect(r.headers['content-type']).toBe(type);
      expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
      const again = await get(`/console/${name}`, { 'if-none-match': String(r.headers.etag) });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
  });

  test('nothing else is served: other names and paths out of the folder are the service’s 404', async () => {
    for (const url of [
      '/console/other.js',
      '/console/..%2Fpackage.json',
      '/console/../package.json',
      '/console/%2e%2e/src/serve/server.ts',
      '/console/index.ts',
    ]) {
      const r = await get(url, { 'accept-language': 'en' });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
  });

  test('console: false serves no console', async () => {
    expect((await get('/console/', {}, bare)).statusCode).toBe(404);
  });

  test('GET /v1/model/profile names every rule and factor in the caller’s language, for every role', async () => {
    expect((await get('/v1/model/profile')).statusCode).toBe(401);
    for (const key of [keys.platform.key, keys.analyst.key, keys.institutionA.key]) {
      const zh = await get('/v1/model/profile', { authorization: `Bearer ${key}` });
      const en = await get('/v1/model/profile', {
        authorization: `Bearer ${key}`,
        'accept-language': 'en',
      });
      for (const r of [zh, en]) {
        expect(r.statusCode).toBe(200);
        check('GET', '/v1/model/profile', 200, r.json());
      }
      const [z, e] = [zh.json(), en.json()];
      expect(z.rules.map((r: { name: string }) => r.name)).toEqual(
        e.rules.map((r: { name: string }) => r.name),
      );
      expect(z.rules.length).toBeGreaterThan(5);
      expect(z.factors.length).toBeGreaterThan(5);
      for (const part of [...z.rules, ...z.factors]) expect(part.label).toMatch(CJK);
      for (const part of [...e.rules, ...e.factors]) expect(part.label).not.toMatch(CJK);
      expect(z.codeNames.srdiTier.littleGiant).toBe('专精特新"小巨人"');
      expect(e.codeNames.stage.growth).toBe('growth');
    }
    // The hash is the one rankings carry.
    const rank = await server.app.inject({
      method: 'POST',
      url: '/v1/rank/products',
      headers: {
        authorization: `Bearer ${keys.platform.key}`,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ enterpriseId: market.enterprises[0]!.id, k: 1 }),
    });
    const profile = await get('/v1/model/profile', { authorization: `Bearer ${keys.analyst.key}` });
    expect(profile.json().profileHash).toBe(rank.json().profileHash);
  });

  test('an institution key reads chains and zones with only its own products in productIds', async () => {
    const own = new Set(market.products.filter((p) => p.institutionId === instA).map((p) => p.id));
    const others = new Set(
      market.products.filter((p) => p.institutionId !== instA).map((p) => p.id),
    );
    for (const [segment, records] of [
      ['chains', market.chains],
      ['zones', market.zones],
    ] as const) {
      const withOthers = records.find((r) => r.productIds.some((id) => others.has(id)));
      expect(withOthers, `a ${segment} record listing another institution's product`).toBeDefined();
      const platform = await get(`/v1/records/${segment}?limit=1000`, {
        authorization: `Bearer ${keys.platform.key}`,
      });
      const institution = await get(`/v1/records/${segment}?limit=1000`, {
        authorization: `Bearer ${keys.institutionA.key}`,
      });
      check('GET', `/v1/records/${segment}`, 200, institution.json());
      const seen = new Map(
        institution
          .json()
          .records.map((r: { id: string; productIds: string[] }) => [r.id, r.productIds]),
      );
      for (const r of platform.json().records as { id: string; productIds: string[] }[])
        expect(seen.get(r.id)).toEqual(r.productIds.filter((id) => own.has(id)));
      const one = await get(`/v1/records/${segment}/${withOthers!.id}`, {
        authorization: `Bearer ${keys.institutionA.key}`,
      });
      check('GET', `/v1/records/${segment}/{id}`, 200, one.json());
      expect(one.json().record.productIds).toEqual(
        withOthers!.productIds.filter((id) => own.has(id)),
      );
      const all = await get(`/v1/records/${segment}/${withOthers!.id}`, {
        authorization: `Bearer ${keys.analyst.key}`,
      });
      expect(all.json().record.productIds).toEqual(withOthers!.productIds);
    }
  });
});
