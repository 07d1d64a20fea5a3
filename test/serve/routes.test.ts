/**
 * The HTTP API end to end, on the embedded database and (when CI provides one) on a real
 * PostgreSQL server: every route answers as the OpenAPI document says, records are validated
 * per record, rankings are audited and reproduced, keys are scoped per role and institution.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FinmatchServer } from '../../src/serve/server.js';
import { openApiDocument } from '../../src/serve/api/openapi.js';
import { ROUTES } from '../../src/serve/http/routes.js';
import { responseValidator } from './conformance.js';
import {
  AS_OF,
  BACKENDS,
  emptyStore,
  roleKeys,
  service,
  storeMarket,
  testMarket,
  twoInstitutions,
} from './helpers.js';

const market = testMarket(400);
const [instA, instB] = twoInstitutions(market);
const productOf = (inst: string) => market.products.find((p) => p.institutionId === inst)!.id;
const check = responseValidator(openApiDocument());

describe.each(BACKENDS)('routes on %s', (backend) => {
  let server: FinmatchServer;
  let keys: Awaited<ReturnType<typeof roleKeys>>;
  let cleanup: () => Promise<void>;
  let closeStore: () => Promise<void>;

  /** Sends a request and checks the answer against the OpenAPI document. */
  async function call(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options: { key?: string; body?: unknown; locale?: string; raw?: string; type?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.locale) headers['accept-language'] = options.locale;
    if (options.body !== undefined || options.raw !== undefined)
      headers['content-type'] = options.type ?? 'application/json';
    const res = await server.app.inject({
      method,
      url,
      headers,
      ...(options.raw !== undefined
        ? { payload: options.raw }
        : options.body !== undefined
          ? { payload: JSON.stringify(options.body) }
          : {}),
    });
    const json = res.headers['content-type']?.toString().includes('json') ? res.json() : res.body;
    check(method, url.split('?')[0]!, res.statusCode, json);
    // Response bodies are checked against the OpenAPI document above; tests read them loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.statusCode, body: json as Record<string, any>, headers: res.headers };
  }

  beforeAll(async () => {
    const opened = await emptyStore(backend);
    cleanup = opened.cleanup;
    closeStore = () => opened.store.close();
    await storeMarket(opened.store, market);
    keys = await roleKeys(opened.store, [instA, instB]);
    server = await service(opened.store);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await closeStore?.();
    await cleanup?.();
  });

  test('health, readiness and the OpenAPI document need no key', async () => {
    expect((await call('GET', '/v1/health')).body).toEqual({ status: 'ok' });
    expect((await call('GET', '/v1/ready')).status).toBe(200);
    const doc = await server.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
    const metrics = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('finmatch_index_records');
  });

  test('no key, a malformed key or an unknown key is 401, in the caller’s language', async () => {
    const none = await call('POST', '/v1/rank/products', { body: { enterpriseId: 'ent-000001' } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect(none.body.error.message).toMatch(/密钥/);
    const en = await call('POST', '/v1/rank/products', {
      key: 'fmk_0000000000000000_' + 'A'.repeat(43),
      body: { enterpriseId: 'ent-000001' },
      locale: 'en-GB,en;q=0.9',
    });
    expect(en.status).toBe(401);
    expect(en.body.error.message).toMatch(/API key/);
    expect((await call('GET', '/v1/keys', { key: 'not-a-key' })).status).toBe(401);
  });

  test('ranks products for a stored enterprise, with a rankingId and where it came from', async () => {
    const r = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: market.enterprises[0]!.id, k: 5 },
    });
    expect(r.status).toBe(200);
    expect(r.body.rankingId).toMatch(/^rnk_/);
    expect(r.body.asOf).toBe(AS_OF);
    expect(r.body.modelVersion).toMatch(/^m\d+$/);
    expect(r.body.items.length).toBeLessThanOrEqual(5);
    for (const [i, m] of r.body.items.entries()) expect(m.rank).toBe(i + 1);
  });

  test('prospecting pages: two pages of k equal one page of 2k', async () => {
    const productId = productOf(instA);
    const whole = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      body: { productId, k: 20 },
    });
    const first = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      body: { productId, k: 10 },
    });
    const second = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      body: { productId, k: 10, offset: 10 },
    });
    const ids = (b: { items?: { enterpriseId: string }[] }) =>
      (b.items ?? []).map((m) => m.enterpriseId);
    expect([...ids(first.body), ...ids(second.body)]).toEqual(ids(whole.body));
  });

  test('explains a pair with the weights used, in zh or en', async () => {
    const top = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: market.enterprises[0]!.id, k: 1 },
    });
    const body = {
      enterpriseId: market.enterprises[0]!.id,
      productId: top.body.items[0].productId,
    };
    const zh = await call('POST', '/v1/explain', { key: keys.platform.key, body });
    const en = await call('POST', '/v1/explain', { key: keys.platform.key, body, locale: 'en' });
    expect(zh.status).toBe(200);
    expect(zh.body.explanation.eligible).toBe(true);
    expect(Object.keys(zh.body.explanation.weights).length).toBeGreaterThan(0);
    expect(zh.body.explanation.summary.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.explanation.summary.join('')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('a batch keeps the good records and reports every bad one; the next ranking sees them', async () => {
    const base = market.enterprises[1]!;
    const good = { ...base, id: 'ent-new-1', name: '新增测试企业' };
    const bad1 = { ...base, id: 'ent-bad-1', foundedYear: 'long ago' };
    const bad2 = { ...base, id: 'ent-bad-2', colateral: [] };
    const r = await call('POST', '/v1/records/enterprises', {
      key: keys.platform.key,
      body: { records: [bad1, good, bad2] },
      locale: 'en',
    });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.errors.map((e: { index: number; id: string }) => [e.index, e.id])).toEqual([
      [0, 'ent-bad-1'],
      [2, 'ent-bad-2'],
    ]);
    expect(r.body.errors[0].issues[0].path).toBe('foundedYear');
    const ranked = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: 'ent-new-1' },
    });
    expect(ranked.status).toBe(200);
    const got = await call('GET', '/v1/records/enterprises/ent-new-1', { key: keys.platform.key });
    expect(got.body.record.name).toBe('新增测试企业');
    const del = await call('POST', '/v1/records/enterprises/delete', {
      key: keys.platform.key,
      body: { ids: ['ent-new-1', 'ent-never'] },
    });
    expect(del.body.deleted).toBe(1);
    expect(del.body.errors[0].id).toBe('ent-never');
    const gone = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: 'ent-new-1' },
    });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('UNKNOWN_ID');
  });

  test('bad requests name the field and what was expected', async () => {
    const r = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      body: { productId: productOf(instA), k: 0, colour: 'red' },
      locale: 'en',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_REQUEST');
    const paths = r.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('body.k');
    const json = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      raw: '{"productId":',
    });
    expect(json.status).toBe(400);
    const media = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      raw: 'productId=x',
      type: 'application/x-www-form-urlencoded',
    });
    expect(media.status).toBe(415);
    const kind = await call('GET', '/v1/records/widgets', { key: keys.platform.key, locale: 'en' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.issues[0].path).toBe('params.kind');
    expect(kind.body.error.issues[0].received).toContain('widgets');
    const route = await call('GET', '/v1/nothing-here', { key: keys.platform.key });
    expect(route.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  test('outcome events enter the model at a refit, and rankings state the model version', async () => {
    const before = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: market.enterprises[2]!.id },
    });
    const productId = productOf(instA);
    const events = Array.from({ length: 5 }, (_, i) => ({
      id: `ev-test-${i}`,
      subjectKind: 'enterprise',
      subjectId: market.enterprises[i]!.id,
      itemKind: 'product',
      itemId: productId,
      kind: 'funded',
      date: '2026-05-01',
      amount: 1_000_000,
    }));
    const posted = await call('POST', '/v1/events', {
      key: keys.institutionA.key,
      body: { events },
    });
    expect(posted.body.accepted).toBe(5);
    const again = await call('POST', '/v1/events', { key: keys.platform.key, body: { events } });
    expect(again.body.accepted).toBe(5); // identical content: idempotent
    const changed = await call('POST', '/v1/events', {
      key: keys.platform.key,
      body: { events: [{ ...events[0], kind: 'declined' }] },
    });
    expect(changed.body.errors[0].issues[0].code).toBe('duplicate_id');
    const model = await call('GET', '/v1/model', { key: keys.analyst.key });
    expect(model.body.workers[0].pendingEvents).toBeGreaterThanOrEqual(5);
    const refit = await call('POST', '/v1/model/refit', { key: keys.platform.key, body: {} });
    expect(refit.status).toBe(200);
    expect(refit.body.modelVersion).not.toBe(before.body.modelVersion);
    const after = await call('POST', '/v1/rank/products', {
      key: keys.platform.key,
      body: { enterpriseId: market.enterprises[2]!.id },
    });
    expect(after.body.modelVersion).toBe(refit.body.modelVersion);
  });

  test('a ranking is reproduced exactly from its rankingId, after later writes and refits', async () => {
    const shown = await call('POST', '/v1/prospect', {
      key: keys.platform.key,
      body: {
        productId: productOf(instB),
        k: 15,
        filter: { regions: [market.enterprises[0]!.region.slice(0, 2)] },
      },
    });
    // Later changes must not alter what the audit recomputes.
    await call('POST', '/v1/records/enterprises', {
      key: keys.platform.key,
      body: { records: [{ ...market.enterprises[3]!, id: 'ent-later', name: '后来的企业' }] },
    });
    await call('POST', '/v1/model/refit', { key: keys.platform.key, body: {} });
    const audit = await call('GET', `/v1/rankings/${shown.body.rankingId}?verify=true`, {
      key: keys.analyst.key,
    });
    expect(audit.status).toBe(200);
    expect(audit.body.result.items).toEqual(shown.body.items);
    expect(audit.body.verification.reproduced).toBe(true);
    expect(audit.body.recordSeq).toBe(shown.body.recordSeq);
  });

  test('an institution key sees only its own institution: products, prospects, explanations, rankings, keys', async () => {
    const a = keys.institutionA.key;
    const mine = productOf(instA);
    const theirs = productOf(instB);
    const ranked = await call('POST', '/v1/rank/products', {
      key: a,
      body: { enterpriseId: market.enterprises[0]!.id, k: 50, includeIneligible: true },
    });
    const owners = new Set(
      ranked.body.items.map(
        (m: { productId: string }) =>
          market.products.find((p) => p.id === m.productId)!.institutionId,
      ),
    );
    expect([...owners].every((o) => o === instA)).toBe(true);
    expect((await call('POST', '/v1/prospect', { key: a, body: { productId: mine } })).status).toBe(
      200,
    );
    for (const [method, url, body] of [
      ['POST', '/v1/prospect', { productId: theirs }],
      ['POST', '/v1/explain', { enterpriseId: market.enterprises[0]!.id, productId: theirs }],
      ['GET', `/v1/records/products/${theirs}`, undefined],
    ] as const) {
      const r = await call(method, url, { key: a, ...(body ? { body } : {}) });
      expect(r.status, url).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(instB);
    }
    const listed = await call('GET', '/v1/records/products?limit=1000', { key: a });
    expect(
      listed.body.records.every((p: { institutionId: string }) => p.institutionId === instA),
    ).toBe(true);
    const write = await call('POST', '/v1/records/products', {
      key: a,
      body: {
        records: [
          { ...market.products.find((p) => p.id === theirs)!, name: '改名' },
          { ...market.products.find((p) => p.id === mine)!, name: '本机构的新名称' },
        ],
      },
    });
    expect(write.body.accepted).toBe(1);
    expect(write.body.errors[0].issues[0].code).toBe('forbidden');
    const bRanking = await call('POST', '/v1/prospect', {
      key: keys.institutionB.key,
      body: { productId: theirs },
    });
    expect((await call('GET', `/v1/rankings/${bRanking.body.rankingId}`, { key: a })).status).toBe(
      404,
    );
    const keyList = await call('GET', '/v1/keys', { key: a });
    expect(
      keyList.body.keys.every((k: { institutionId: string }) => k.institutionId === instA),
    ).toBe(true);
    expect(JSON.stringify(keyList.body)).not.toMatch(/hash/);
  });

  test('every route refuses the roles it does not list (403) and every key it does not know (401)', async () => {
    const byRole = {
      platform: keys.platform.key,
      analyst: keys.analyst.key,
      institution: keys.institutionA.key,
    } as const;
    for (const route of ROUTES) {
      if (route.roles === 'public') continue;
      const url = route.url
        .replace(':kind', route.url.includes('records') ? 'projects' : 'x')
        .replace(':id', 'x');
      for (const [role, key] of Object.entries(byRole)) {
        if (route.roles.includes(role as never)) continue;
        const r = await call(route.method, url, {
          key,
          ...(route.method === 'POST' ? { body: {} } : {}),
        });
        expect(r.status, `${role} ${route.method} ${route.url}`).toBe(403);
      }
      const anon = await call(route.method, url, route.method === 'POST' ? { body: {} } : {});
      expect(anon.status, `anonymous ${route.method} ${route.url}`).toBe(401);
    }
  });

  test('per-key rate limits answer 429 with Retry-After; bodies over the limit 413', async () => {
    const limited = await service(server.store, { rateLimit: { perSecond: 1, burst: 2 } });
    try {
      const statuses: number[] = [];
      let retry: unknown;
      for (let i = 0; i < 4; i++) {
        const r = await limited.app.inject({
          method: 'GET',
          url: '/v1/model',
          headers: { authorization: `Bearer ${keys.analyst.key}` },
        });
        statuses.push(r.statusCode);
        if (r.statusCode === 429) retry = r.headers['retry-after'];
      }
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses).toContain(429);
      expect(Number(retry)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
    const small = await service(server.store, { bodyLimit: 1024 });
    try {
      const r = await small.app.inject({
        method: 'POST',
        url: '/v1/records/enterprises',
        headers: {
          authorization: `Bearer ${keys.platform.key}`,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ records: market.enterprises.slice(0, 20) }),
      });
      expect(r.statusCode).toBe(413);
      expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  test('snapshots hold both markets in the library’s format', async () => {
    const made = await call('POST', '/v1/snapshots', { key: keys.platform.key, body: {} });
    expect(made.status).toBe(201);
    const list = await call('GET', '/v1/snapshots', { key: keys.analyst.key });
    expect(list.body.snapshots.map((s: { id: string }) => s.id)).toContain(made.body.id);
    const got = await server.app.inject({
      method: 'GET',
      url: `/v1/snapshots/${made.body.id}`,
      headers: { authorization: `Bearer ${keys.analyst.key}` },
    });
    const content = got.json();
    expect(content.format).toBe('finmatch.service-snapshot');
    const { loadSnapshot } = await import('../../src/batch/snapshot.js');
    const loaded = loadSnapshot(content.enterpriseProduct);
    expect(loaded.header.counts.targets).toBeGreaterThan(0);
  });

  test('revoking a key locks it out', async () => {
    const made = await call('POST', '/v1/keys', {
      key: keys.platform.key,
      body: { role: 'analyst', label: 'temporary' },
    });
    expect(made.status).toBe(201);
    expect((await call('GET', '/v1/model', { key: made.body.key })).status).toBe(200);
    expect(
      (await call('DELETE', `/v1/keys/${made.body.id}`, { key: keys.platform.key })).status,
    ).toBe(200);
    expect((await call('GET', '/v1/model', { key: made.body.key })).status).toBe(401);
  });
});
