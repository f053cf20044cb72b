import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { OPENAPI_PATH } from '../../src/protocol/http';
import { type OpenApiDocument, openApiDocument, openApiPath } from '../../src/protocol/openapi';
import { type TestServer, startTestServer } from '../support/testServer';

// The API's description against what the real server serves: the routes in Fastify's own list
// (whatever registered them), not the tables the description was generated from.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function served(): Promise<OpenApiDocument> {
  const response = await fetch(server.url + OPENAPI_PATH);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as OpenApiDocument;
}

describe(`GET ${OPENAPI_PATH}`, () => {
  it('serves the document generated from the protocol, with the server’s version', async () => {
    expect(await served()).toEqual(JSON.parse(JSON.stringify(openApiDocument({ version }))));
  });

  it('documents every /api route the server serves, and serves every documented one, methods included', async () => {
    const routes = server.routes.filter((route) => route.url.startsWith('/api/'));
    // Fastify answers HEAD wherever it answers GET: that HEAD is implied by the GET.
    const implied = (method: string, url: string) => method === 'HEAD' && routes.some((other) => other.method === 'GET' && other.url === url);
    const servedRoutes = routes.filter((route) => !implied(route.method, route.url)).map((route) => `${route.method} ${openApiPath(route.url)}`);
    const documented = Object.entries((await served()).paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(servedRoutes.length).toBeGreaterThan(0);
    expect(documented.sort()).toEqual(servedRoutes.sort());
  });
});
