/**
 * A client that knows only the OpenAPI document (fetched from the running service, as a Java
 * team's generated client would be) ranks, prospects, explains, posts outcomes and reads the
 * audit, over real HTTP. Requests are built and checked against the document's request
 * schemas before they are sent, and every answer against its response schema.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newKey } from '../../src/serve/auth.js';
import { openStore } from '../../src/serve/store/index.js';
import type { FinmatchServer } from '../../src/serve/server.js';
import type { Store } from '../../src/serve/store/types.js';
import { responseValidator, schemaValidator } from './conformance.js';
import { service, storeMarket, testMarket } from './helpers.js';

type Json = Record<string, unknown>;

/** A generic client over an OpenAPI document: operations by operationId. */
function documentClient(document: Json, base: string, key: string) {
  const paths = document.paths as Record<string, Record<string, Json>>;
  const compile = schemaValidator(document);
  const checkResponse = responseValidator(document);
  const operations = new Map<string, { method: string; path: string; op: Json }>();
  for (const [path, item] of Object.entries(paths))
    for (const [method, op] of Object.entries(item))
      if (typeof op === 'object' && op && 'operationId' in op)
        operations.set(op.operationId as string, { method: method.toUpperCase(), path, op });
  return {
    operations,
    async call(operationId: string, input: { path?: Json; body?: Json } = {}) {
      const found = operations.get(operationId);
      if (!found) throw new Error(`the document has no operation ${operationId}`);
      const body = (found.op.requestBody as Json | undefined)?.content as Json | undefined;
      const schema = (body?.['application/json'] as Json | undefined)?.schema;
      if (input.body !== undefined) {
        expect(schema, `${operationId} takes a JSON body`).toBeDefined();
        const validate = compile(schema);
        expect(validate(input.body), JSON.stringify(validate.errors)).toBe(true);
      }
      const url = found.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(String(input.path?.[name])),
      );
      const res = await fetch(base + url, {
        method: found.method,
        headers: {
          authorization: `Bearer ${key}`,
          'accept-language': 'en',
          ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
      });
      const json = (await res.json()) as Json;
      checkResponse(found.method, url, res.status, json);
      return { status: res.status, body: json };
    },
  };
}

const market = testMarket(300);
let server: FinmatchServer;
let store: Store;
let base: string;
let key: string;

beforeAll(async () => {
  store = await openStore('memory:');
  await store.migrate();
  await storeMarket(store, market);
  const made = newKey('platform', null, 'generated client');
  await store.insertKey(made.row);
  key = made.key;
  server = await service(store);
  base = await server.listen(0);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
});

test('a client built from the served document alone ranks, prospects, explains and posts outcomes', async () => {
  const document = (await (await fetch(`${base}/v1/openapi.json`)).json()) as Json;
  expect(document.openapi).toBe('3.1.0');
  const client = documentClient(document, base, key);
  for (const id of [
    'rankProducts',
    'prospectEnterprises',
    'explainPair',
    'postEvents',
    'getRanking',
  ])
    expect(client.operations.has(id), id).toBe(true);

  const enterpriseId = market.enterprises[0]!.id;
  const ranked = await client.call('rankProducts', { body: { enterpriseId, k: 3 } });
  expect(ranked.status).toBe(200);
  const items = ranked.body.items as { productId: string }[];
  expect(items.length).toBeGreaterThan(0);

  const prospects = await client.call('prospectEnterprises', {
    body: { productId: items[0]!.productId, k: 5 },
  });
  expect(prospects.status).toBe(200);

  const explained = await client.call('explainPair', {
    body: { enterpriseId, productId: items[0]!.productId },
  });
  expect(explained.status).toBe(200);
  expect((explained.body.explanation as { eligible: boolean }).eligible).toBe(true);

  const posted = await client.call('postEvents', {
    body: {
      events: [
        {
          id: 'ev-generated-client',
          subjectKind: 'enterprise',
          subjectId: enterpriseId,
          itemKind: 'product',
          itemId: items[0]!.productId,
          kind: 'applied',
          date: '2026-06-01',
        },
      ],
    },
  });
  expect(posted.body.accepted).toBe(1);

  const audit = await client.call('getRanking', { path: { id: ranked.body.rankingId as string } });
  expect(audit.status).toBe(200);
  expect(audit.body.result).toEqual({
    items: ranked.body.items,
    offset: 0,
    hasMore: ranked.body.hasMore,
  });
}, 120_000);
