// Writes openapi.json (the service's OpenAPI 3.1 document) at the package root, from the built
// package. Run by `npm run build` after tsup and write-schemas: node scripts/write-openapi.mjs
// The file ships in the package as `finmatch/openapi.json`; `GET /v1/openapi.json` serves the
// same document.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { openApiDocument } = await import('../dist/serve.js');

if (typeof openApiDocument !== 'function') {
  console.error('write-openapi: dist/serve.js must export openApiDocument');
  process.exit(1);
}

const document = openApiDocument();
if (!String(document.openapi).startsWith('3.1.') || typeof document.info?.version !== 'string') {
  console.error('write-openapi: the document lacks openapi 3.1.x or info.version');
  process.exit(1);
}
writeFileSync(join(root, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths).reduce(
  (n, item) => n + Object.keys(item).length,
  0,
);
console.log(`write-openapi: wrote openapi.json (${operations} operations)`);
