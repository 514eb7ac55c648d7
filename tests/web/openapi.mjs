// SPDX-License-Identifier: MIT
// The OpenAPI document validated by a real validator
// (@apidevtools/swagger-parser, pinned in package-lock.json): the text
// GET /api/v1/openapi.json serves, against the OpenAPI 3.1 schema, with
// every $ref resolved.  test_openapi.py compares it with the route table.
import SwaggerParser from '@apidevtools/swagger-parser';

const base = process.env.WEB_BASE;
const resp = await fetch(base + '/api/v1/openapi.json');
if (resp.status !== 200) {
  console.error(`openapi.mjs: GET /api/v1/openapi.json: ${resp.status}`);
  process.exit(1);
}
const doc = await resp.json();
try {
  const api = await SwaggerParser.validate(doc);
  const ops = Object.values(api.paths).reduce((n, p) => n + Object.keys(p).length, 0);
  console.log(`openapi.mjs: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths, ${ops} operations`);
} catch (e) {
  console.error(`openapi.mjs: FAIL: ${e.message}`);
  process.exit(1);
}
