/**
 * The officer console in a real browser (Debian's Chromium, driven by playwright-core),
 * served by the built package (`dist/serve.js`, which reads the console's files from
 * `dist/console/`): an institution officer signs in with its key, prospects for one of its
 * products, filters, opens an explanation, exports CSV in both languages, switches language,
 * ranks products for an enterprise, and never sees another institution's products.
 *
 * Skipped, saying so, only when no Chromium binary is found (`.ci/run` installs one, so CI
 * runs it). Screenshots go to a temporary directory printed on stdout.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { createServer as CreateServer, FinmatchServer } from '../../src/serve/server.js';
import { openStore } from '../../src/serve/store/index.js';
import type { Store } from '../../src/serve/store/types.js';
import { AS_OF, roleKeys, storeMarket, testMarket, twoInstitutions } from './helpers.js';

/** Where Debian puts Chromium: the binary itself first (its /usr/bin wrapper is a shell script). */
const CHROMIUM_CANDIDATES = [
  process.env.FINMATCH_CHROMIUM,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter((p): p is string => typeof p === 'string' && p !== '');
const CHROMIUM = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
if (CHROMIUM === undefined)
  console.warn(
    `console.browser.test.ts SKIPPED: no Chromium binary at ${CHROMIUM_CANDIDATES.join(', ')} — install it with \`apt-get install -y chromium\` (.ci/run does) or set FINMATCH_CHROMIUM`,
  );

/** The built package's service entry (npm test builds before it tests). */
const BUILT_SERVE = fileURLToPath(new URL('../../dist/serve.js', import.meta.url));

const market = testMarket(200);
const [instA, instB] = twoInstitutions(market);
const productsOf = (inst: string) =>
  market.products
    .filter((p) => p.institutionId === inst)
    .map((p) => p.id)
    .sort();
const productsA = productsOf(instA);
const productsB = productsOf(instB);

describe.skipIf(CHROMIUM === undefined)('officer console in Chromium', () => {
  let store: Store;
  let server: FinmatchServer;
  let address: string;
  let keys: Awaited<ReturnType<typeof roleKeys>>;
  let browser: Browser;
  let shots: string;
  /** A product of A with at least two prospects among the test market's enterprises. */
  let productId: string;

  beforeAll(async () => {
    if (!existsSync(BUILT_SERVE))
      throw new Error(`${BUILT_SERVE} is missing: run \`npm run build\` before this test`);
    const built = (await import(pathToFileURL(BUILT_SERVE).href)) as {
      createServer: typeof CreateServer;
    };
    const t0 = performance.now();
    store = await openStore('memory:');
    await store.migrate();
    await storeMarket(store, market);
    keys = await roleKeys(store, [instA, instB]);
    server = await built.createServer({
      store,
      workers: 0,
      logger: false,
      engine: { asOf: AS_OF },
      refitIntervalMs: 0,
    });
    address = await server.listen(0);
    const t1 = performance.now();
    for (const id of productsA) {
      const r = await server.app.inject({
        method: 'POST',
        url: '/v1/prospect',
        headers: {
          authorization: `Bearer ${keys.institutionA.key}`,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ productId: id, k: 5 }),
      });
      if ((r.json() as { items: unknown[] }).items.length >= 2) {
        productId = id;
        break;
      }
    }
    const t2 = performance.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      headless: true,
      // Chromium's sandbox needs an unprivileged user; CI runs as root.
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
    shots = await mkdtemp(join(tmpdir(), 'finmatch-console-'));
    console.log(
      `console screenshots: ${shots} (set-up: service ${Math.round(t1 - t0)} ms, choosing the product ${Math.round(t2 - t1)} ms, Chromium ${Math.round(performance.now() - t2)} ms)`,
    );
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  test('an institution officer prospects, explains, exports, switches language, and sees only its own products', async () => {
    expect(productsA.length).toBeGreaterThan(0);
    expect(productsB.length).toBeGreaterThan(0);
    expect(productId, `no product of ${instA} has two prospects in the test market`).toBeDefined();

    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The service's 4xx answers are logged by Chromium as failed loads; they are expected here.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        problems.push(`console: ${m.text()}`);
    });
    const urls: string[] = [];
    const bodies: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', async (r) => {
      if (r.url().includes('/v1/')) bodies.push(await r.text().catch(() => ''));
    });
    const shot = (name: string) =>
      page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

    // Sign in with institution A's key.
    await page.goto(`${address}/console/`);
    await expect.poll(() => page.title()).toBe('finmatch 产融对接 · 机构工作台');
    await page.getByTestId('key').fill(keys.institutionA.key);
    await page.getByTestId('login').click();
    await page.waitForSelector('#tabs:not([hidden])');
    expect(await page.getByTestId('who').textContent()).toContain(instA);
    const offered = await page.$$eval('#product option', (os) =>
      os.map((o) => o.getAttribute('value') ?? ''),
    );
    expect(offered).toEqual(productsA);

    // Prospect for one of A's products.
    await page.getByTestId('product').selectOption(productId);
    await page.getByTestId('search').click();
    await page.waitForSelector('#prospect-table tbody tr');
    const rows = async () =>
      page.$$eval('#prospect-table tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    const first = await rows();
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.map((r) => Number(r[0]))).toEqual(first.map((_, i) => i + 1));
    const names = new Map(market.enterprises.map((e) => [e.id, e]));
    for (const r of first) expect(r[2]).toBe(names.get(r[1]!)!.name);
    expect(await page.getByTestId('prospect-meta').textContent()).toMatch(/排名编号 rnk_/);
    await shot('1-prospect-zh');

    // Filter by the region of the first prospect: every row is in that province.
    const province = names.get(first[0]![1]!)!.region.slice(0, 2);
    await page.getByTestId('regions').fill(province);
    await page.getByTestId('search').click();
    await expect
      .poll(async () => (await rows()).every((r) => r[3]!.startsWith(province)))
      .toBe(true);
    expect((await rows()).length).toBeGreaterThan(0);

    // An explanation: every rule, and the factors with the weights used adding up to the score.
    await page.locator('#prospect-table tbody tr').first().locator('[data-action=explain]').click();
    await page.waitForSelector('[data-testid=explain][open]');
    const verdict = (await page.getByTestId('verdict').textContent()) ?? '';
    expect(verdict).toMatch(/^符合条件，得分 \d\.\d{4}$/);
    const ruleRows = await page.locator('[data-testid=rules] tbody tr').count();
    expect(ruleRows).toBeGreaterThan(3);
    const factorCells = await page.$$eval('[data-testid=factors] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent ?? '')),
    );
    const total = factorCells.pop()!;
    const sum = factorCells.reduce((s, r) => s + Number(r[3]), 0);
    expect(Math.abs(sum - Number(total[3]))).toBeLessThan(1e-3);
    expect(Number(total[3]).toFixed(4)).toBe(verdict.split(' ').pop());
    for (const r of factorCells) expect(r[0]).toMatch(/[\u4e00-\u9fff]/); // labels in Chinese
    const body = (await page.locator('#explain-body').textContent()) ?? '';
    expect(body).not.toMatch(/null|undefined|NaN/);
    expect(body).toMatch(/[\u4e00-\u9fff]/);
    await shot('2-explanation-zh');
    await page.locator('#explain-close').click();

    // CSV in Chinese: UTF-8 with BOM, the table's rows in order.
    const csvOf = async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export').click(),
      ]);
      const bytes = await readFile((await download.path())!);
      return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
    };
    const zhCsv = await csvOf();
    expect([...zhCsv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const zhLines = zhCsv.text.slice(1).trimEnd().split('\r\n');
    expect(zhLines[0]).toBe('排名,企业编号,名称,地区,行业,专精特新等级,得分,主要因素');
    const shown = await rows();
    expect(zhLines.length).toBe(shown.length + 1);
    expect(zhLines.slice(1).map((l) => l.split(',')[1])).toEqual(shown.map((r) => r[1]));
    expect(zhLines[1]).toContain(names.get(shown[0]![1]!)!.name);
    expect(zhCsv.name).toMatch(new RegExp(`^客户挖掘-${productId}-1-\\d+\\.csv$`));

    // An API error in Chinese (the service answers in the page's language).
    await page.getByRole('button', { name: '企业视图' }).click();
    await page.getByTestId('enterprise-id').fill('ent-no-such');
    await page.getByTestId('rank').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/UNKNOWN_ID/);
    expect(await page.getByTestId('error').textContent()).toMatch(/[\u4e00-\u9fff]/);

    // Switch to English: the page, the API's texts and its errors follow.
    await page.getByTestId('locale').selectOption('en');
    await expect.poll(() => page.title()).toBe('finmatch · officer console');
    await page.getByTestId('rank').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/UNKNOWN_ID/);
    expect(await page.getByTestId('error').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('button', { name: 'Prospecting' }).click();
    await expect
      .poll(() => page.locator('#prospect-table thead th').first().textContent())
      .toBe('Rank');
    await page.locator('#prospect-table tbody tr').first().locator('[data-action=explain]').click();
    await page.waitForSelector('[data-testid=explain][open]');
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^eligible, score \d\.\d{4}$/);
    const summary = (await page.getByTestId('summary').textContent()) ?? '';
    expect(summary).toMatch(/contributed/);
    expect(summary).not.toMatch(/[\u4e00-\u9fff]/);
    await shot('3-explanation-en');
    await page.locator('#explain-close').click();
    const enCsv = await csvOf();
    expect(enCsv.text.slice(1).split('\r\n')[0]).toBe(
      'Rank,Enterprise id,Name,Region,Sector,SRDI tier,Score,Main factors',
    );
    expect(enCsv.name).toMatch(/^prospects-/);

    // The enterprise view: A's products for the first prospect, eligible ones first, and what
    // would unlock the others.
    const enterpriseId = shown[0]![1]!;
    await page.getByRole('button', { name: 'Enterprise' }).click();
    await page.getByTestId('enterprise-id').fill(enterpriseId);
    await page.getByTestId('rank').click();
    await page.waitForSelector(`#eligible-table tbody tr[data-product="${productId}"]`);
    const listed = await page.$$eval('tr[data-product]', (trs) =>
      trs.map((tr) => tr.getAttribute('data-product') ?? ''),
    );
    expect(listed.length).toBe(productsA.length);
    for (const id of listed) expect(productsA).toContain(id);
    const ineligible = await page.locator('#ineligible-table tbody tr').count();
    const unlock = await page.getByTestId('unlock').locator('li').allTextContents();
    if (ineligible > 0) expect(unlock.join('\n')).toMatch(/product/);
    else expect(unlock).toEqual(['No ineligible product.']);
    await shot('4-enterprise-en');

    // Institution B's products appear nowhere: not in the page, not in any API answer.
    const html = await page.content();
    for (const id of productsB) {
      expect(html).not.toContain(id);
      for (const body of bodies)
        expect(body.includes(`"${id}"`), `${id} in an API answer`).toBe(false);
    }

    // The key stays in the tab's sessionStorage, never in a URL.
    const secret = keys.institutionA.key;
    for (const url of urls) expect(url).not.toContain(secret.slice(4));
    expect(await page.evaluate('sessionStorage.getItem("finmatch.console.key")')).toBe(secret);
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toContain(secret.slice(4));
    await page.locator('#logout').click();
    expect(await page.evaluate('sessionStorage.getItem("finmatch.console.key")')).toBeNull();

    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  test('data is rendered as text: markup in a record name is shown, never run', async () => {
    // A product of A renamed to markup: the page shows it literally and runs nothing.
    const product = market.products.find((p) => p.id === productId)!;
    const evil = '<img src=x onerror="document.title=\'pwned\'">';
    const put = await server.app.inject({
      method: 'POST',
      url: '/v1/records/products',
      headers: {
        authorization: `Bearer ${keys.institutionA.key}`,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ records: [{ ...product, name: evil }] }),
    });
    expect((put.json() as { accepted: number }).accepted).toBe(1);
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    await page.goto(`${address}/console/`);
    await page.getByTestId('key').fill(keys.institutionA.key);
    await page.getByTestId('login').click();
    await page.waitForSelector('#tabs:not([hidden])');
    const label = await page.locator(`#product option[value="${productId}"]`).textContent();
    expect(label).toContain(evil);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await context.close();
    // Put the product back for any later test.
    await server.app.inject({
      method: 'POST',
      url: '/v1/records/products',
      headers: {
        authorization: `Bearer ${keys.institutionA.key}`,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ records: [product] }),
    });
  }, 30_000);
});
