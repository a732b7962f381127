import { Admission } from './admission';
import { serveGraphQL } from './http';

describe('Admission', () => {
  it('serves up to its limit, lets a few wait their turn for a while, and refuses the rest at once', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 1, queueWaitMs: 50 });
    const first = admission.enter();
    expect(typeof first).toBe('function');
    const second = admission.enter(); // waits
    expect(admission.enter()).toBeNull(); // the queue is full: refused at once
    (first as () => void)();
    const admitted = await second;
    expect(typeof admitted).toBe('function');
    const late = admission.enter(); // waits behind `admitted`, which never leaves in time
    expect(await late).toBeNull();
    (admitted as () => void)();
    expect(typeof admission.enter()).toBe('function');
  });
});

describe('serveGraphQL under overload', () => {
  it('answers 503 with Retry-After past its limits, keeps answering health checks and work already admitted, and serves again once free', async () => {
    let release: () => void = () => {};
    const server = await serveGraphQL({
      service: 'test',
      apollo: { typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } },
      host: '127.0.0.1',
      port: 0,
      log: { info: () => {}, error: () => {} },
      context: async () => ({}),
      admission: { maxInFlight: 1, maxQueued: 0, queueWaitMs: 10 },
      admitted: (req) => req.headers['x-part-of'] !== undefined,
      route: async (_req, res, url) => {
        if (url.pathname !== '/slow') return false;
        await new Promise<void>((resolve) => (release = resolve));
        res.end('done');
        return true;
      },
    });
    try {
      const slow = fetch(new URL('/slow', server.url)).then((response) => response.text());
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await fetch(`${server.url}?query={ok}`);
      expect([refused.status, refused.headers.get('retry-after'), await refused.json()]).toEqual([
        503,
        '1',
        { errors: [{ message: 'Too busy: 1 requests are being served and 0 are waiting. Retry after 1 s.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
      ]);
      expect((await fetch(new URL('/health', server.url))).status).toBe(200);
      // part of work already admitted (a subgraph's call back during a write): never refused
      const partOf = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-part-of': 'write' }, body: '{"query":"{ ok }"}' });
      expect(await partOf.json()).toEqual({ data: { ok: true } });
      release();
      expect(await slow).toBe('done');
      const served = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' });
      expect(await served.json()).toEqual({ data: { ok: true } });
    } finally {
      await server.close();
    }
  });

  it('gives back the place of a client that left while it waited', async () => {
    let release: () => void = () => {};
    const server = await serveGraphQL({
      service: 'test',
      apollo: { typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } },
      host: '127.0.0.1',
      port: 0,
      log: { info: () => {}, error: () => {} },
      context: async () => ({}),
      admission: { maxInFlight: 1, maxQueued: 1, queueWaitMs: 5000 },
      route: async (_req, res, url) => {
        if (url.pathname !== '/slow') return false;
        await new Promise<void>((resolve) => (release = resolve));
        res.end('done');
        return true;
      },
    });
    const ask = () => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' });
    try {
      const slow = fetch(new URL('/slow', server.url)).then((response) => response.text());
      await new Promise((resolve) => setTimeout(resolve, 50));
      const leaving = new AbortController();
      const waiting = fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}', signal: leaving.signal }).catch(() => 'left');
      await new Promise((resolve) => setTimeout(resolve, 50));
      leaving.abort();
      expect(await waiting).toBe('left');
      release();
      await slow;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // the place it would have had is free again: one request at a time is still served
      for (let i = 0; i < 2; i++) expect(await (await ask()).json()).toEqual({ data: { ok: true } });
    } finally {
      await server.close();
    }
  });
});
