import { serveGraphQL, type RunningServer } from './http';
import type { LogFields } from './log';
import { SIGNATURE_HEADER, signRequest } from './signature';

describe('serveGraphQL', () => {
  it('masks a failure outside GraphQL too, with the request id to quote', async () => {
    const logged: [string, LogFields?][] = [];
    const server = await serveGraphQL({
      service: 'test',
      apollo: { typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } },
      host: '127.0.0.1',
      port: 0,
      log: { info: () => {}, error: (message, fields) => logged.push([message, fields]) },
      context: async () => ({}),
      route: (_req, _res, url) => {
        if (url.pathname === '/broken') throw new Error('the route has a bug');
        return false;
      },
    });
    try {
      const response = await fetch(new URL('/broken', server.url), { headers: { 'x-request-id': 'req-7' } });
      expect([response.status, response.headers.get('x-request-id'), await response.json()]).toEqual([
        500,
        'req-7',
        { errors: [{ message: 'Internal server error: the operators have been told; quote the request id when you report it.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7' } }] },
      ]);
      expect(logged).toEqual([['request failed', { requestId: 'req-7', err: { type: 'Error', message: 'the route has a bug', stack: expect.stringMatching(/^ {4}at /) } }]]);
    } finally {
      await server.close();
    }
  });
});

describe('serveGraphQL for a subgraph (signatureSecret)', () => {
  const SECRET = 's'.repeat(32);
  let server: RunningServer;
  const parsed: string[] = [];
  beforeAll(async () => {
    server = await serveGraphQL({
      service: 'test',
      apollo: {
        typeDefs: 'type Query { ok: Boolean }',
        resolvers: { Query: { ok: () => true } },
        plugins: [{ requestDidStart: async ({ request }) => void parsed.push(request.query ?? '') }],
      },
      host: '127.0.0.1',
      port: 0,
      log: { info: () => {}, error: () => {} },
      context: async () => ({}),
      signatureSecret: SECRET,
      instance: 'instance-1',
      ready: async () => readiness(),
    });
  });
  afterAll(() => server.close());
  let readiness: () => boolean | Promise<boolean> = () => true;

  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return [response.status, response.headers.get('connection'), await response.json()];
  };
  const refused = (why: string) => [
    401,
    'close',
    { errors: [{ message: `This subgraph answers only the hub's gateway (${why}): send your request to the gateway.`, extensions: { code: 'UNAUTHENTICATED' } }] },
  ];
  const body = '{"query":"{ ok }"}';
  const sign = (signed: string, requestId = '', now = Date.now()) => signRequest(SECRET, { method: 'POST', path: '/graphql', requestId, identity: '', body: signed }, now);

  it('answers a request the gateway signed, once', async () => {
    const signature = sign(body, 'req-1');
    expect(await post(body, { 'x-request-id': 'req-1', [SIGNATURE_HEADER]: signature })).toEqual([200, 'keep-alive', { data: { ok: true } }]);
    expect(parsed).toEqual(['{ ok }']);
    expect(await post(body, { 'x-request-id': 'req-1', [SIGNATURE_HEADER]: signature })).toEqual(refused(`${SIGNATURE_HEADER} already used`));
    expect(parsed).toEqual(['{ ok }']);
  });

  it('refuses anything else with 401 before the body is parsed, even a body that is not JSON', async () => {
    parsed.length = 0;
    expect(await post('{"query": ', {})).toEqual(refused(`missing ${SIGNATURE_HEADER}`));
    expect(await post(body, { [SIGNATURE_HEADER]: 'anything' })).toEqual(refused(`malformed ${SIGNATURE_HEADER}`));
    // signed in whole seconds: a second boundary may pass between signing and checking
    const [status, , expired] = (await post(body, { [SIGNATURE_HEADER]: sign(body, '', Date.now() - 120_000) })) as [number, string, { errors: { message: string }[] }];
    expect([status, expired.errors[0].message]).toEqual([401, expect.stringMatching(new RegExp(`\\(expired ${SIGNATURE_HEADER} \\(12[01] s old\\)\\)`))]);
    expect(await post('{"query": ', { [SIGNATURE_HEADER]: sign(body) })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
    expect(await post(body, { 'x-request-id': 'req-2', [SIGNATURE_HEADER]: sign(body, 'req-1') })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
    expect(await post(body, { [SIGNATURE_HEADER]: signRequest('t'.repeat(32), { method: 'POST', path: '/graphql', requestId: '', identity: '', body }) })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
    const overGet = await fetch(`${server.url}?query=${encodeURIComponent('{ ok }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(overGet.status).toBe(401);
    expect(parsed).toEqual([]);
  });

  const get = async (path: string) => {
    const response = await fetch(new URL(path, server.url));
    return [response.status, await response.json()];
  };

  it('leaves /health, /health/live and /health/ready open; live names the instance', async () => {
    expect(await get('/health')).toEqual([200, { status: 'ok', instance: 'instance-1' }]);
    expect(await get('/health/live')).toEqual([200, { status: 'ok', instance: 'instance-1' }]);
    expect(await get('/health/ready')).toEqual([200, { status: 'ok' }]);
  });

  it('is not ready while its check fails or takes over 2 s, and still live', async () => {
    readiness = () => false;
    expect(await get('/health/ready')).toEqual([503, { status: 'unavailable' }]);
    readiness = () => Promise.reject(new Error('connection refused'));
    expect(await get('/health/ready')).toEqual([503, { status: 'unavailable' }]);
    readiness = () => new Promise(() => {});
    expect(await get('/health/ready')).toEqual([503, { status: 'unavailable' }]);
    expect(await get('/health/live')).toEqual([200, { status: 'ok', instance: 'instance-1' }]);
    readiness = () => true;
  });
});
