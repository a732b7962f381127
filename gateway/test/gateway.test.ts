import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, decodeIdentity, generateSecret, IDENTITY_HEADER, SIGNATURE_HEADER, SUBGRAPHS, verifyRequest, type RunningServer, type SubgraphName } from '@hub/kit';
import { freePort, quietLogger } from '@hub/kit/testing';
import { startGateway } from '../src/gateway';

const SECRET = generateSecret();

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in for the conventions subgraph that gives the same answer to every request, and keeps the requests. */
async function fakeSubgraph(status: number, body: string, contentType = 'application/json') {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk);
    received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A gateway whose conventions subgraph is at `conventionsUrl`; nothing listens for the others. */
async function gatewayWith(conventionsUrl?: string, log = quietLogger('gateway')): Promise<RunningServer> {
  const closed = `http://127.0.0.1:${await freePort()}/graphql`;
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.name === 'conventions' && conventionsUrl ? conventionsUrl : closed])) as Record<SubgraphName, string>;
  return startGateway({ host: '127.0.0.1', port: 0, subgraphUrls, subgraphSecret: SECRET }, log);
}

/** POSTs a query; returns the status, the Retry-After header and the answer. */
async function ask(gateway: RunningServer, query: string): Promise<[number, string | null, any]> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return [response.status, response.headers.get('retry-after'), await response.json()];
}

describe('gateway', () => {
  it('names the subgraph that does not answer, at the path of each field it would have given: 503 when nothing else was asked', async () => {
    const gateway = await gatewayWith();
    try {
      expect(await ask(gateway, `{ sectors { totalCount } objectives { code } }`)).toEqual([
        503,
        '30',
        {
          data: { sectors: null, objectives: null },
          errors: ['sectors', 'objectives'].map((field) => ({
            message: 'The conventions subgraph is unreachable: its fields are missing from this answer. Try again later.',
            path: [field],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'conventions', serviceName: 'conventions' },
          })),
        },
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('passes on a subgraph’s SERVICE_UNAVAILABLE (its database is down), answered with 503', async () => {
    const error = { message: 'The database behind this part of the answer is unavailable: its fields are missing. Try again later.', path: ['sectors'], extensions: { code: 'SERVICE_UNAVAILABLE' } };
    const subgraph = await fakeSubgraph(503, JSON.stringify({ errors: [error], data: { sectors: null } }));
    const gateway = await gatewayWith(subgraph.url);
    try {
      expect(await ask(gateway, `{ sectors { totalCount } }`)).toEqual([
        503,
        '30',
        { data: { sectors: null }, errors: [{ ...error, extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'conventions' } }] },
      ]);
    } finally {
      await gateway.close();
      await subgraph.close();
    }
  });

  it('passes on a subgraph’s refusal of the whole operation (HTTP 400) with its message and code, at the fields it left empty', async () => {
    const subgraph = await fakeSubgraph(400, JSON.stringify({ errors: [{ message: 'Unknown sector "x" in filter.sector.', extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector' } }] }));
    const gateway = await gatewayWith(subgraph.url);
    try {
      expect(await ask(gateway, `{ sectors { totalCount } }`)).toEqual([
        400,
        null,
        {
          data: { sectors: null },
          errors: [{ message: 'Unknown sector "x" in filter.sector.', path: ['sectors'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector', serviceName: 'conventions' } }],
        },
      ]);
    } finally {
      await gateway.close();
      await subgraph.close();
    }
  });

  it('takes a proxy’s 502 page for an unavailable subgraph, and keeps a subgraph’s internal error masked with the request id', async () => {
    const proxy = await fakeSubgraph(502, '<html>Bad Gateway</html>', 'text/html');
    const failing = await fakeSubgraph(200, JSON.stringify({ errors: [{ message: 'relation "x" does not exist', path: ['sectors'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }], data: { sectors: null } }));
    const behindProxy = await gatewayWith(proxy.url);
    const withFailing = await gatewayWith(failing.url);
    try {
      const [status, , body] = await ask(behindProxy, `{ sectors { totalCount } }`);
      expect([status, body.errors[0].message, body.errors[0].extensions.code]).toEqual([
        503,
        'The conventions subgraph is unavailable (HTTP 502): its fields are missing from this answer. Try again later.',
        'SUBGRAPH_UNAVAILABLE',
      ]);
      const masked = await fetch(withFailing.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' }, body: JSON.stringify({ query: '{ sectors { totalCount } }' }) });
      expect([masked.status, await masked.json()]).toEqual([
        200,
        {
          data: { sectors: null },
          errors: [
            {
              message: 'Internal server error: the operators have been told; quote the request id when you report it.',
              path: ['sectors'],
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' },
            },
          ],
        },
      ]);
    } finally {
      await behindProxy.close();
      await withFailing.close();
      await proxy.close();
      await failing.close();
    }
  });

  it('signs each subgraph request: the time, the request id, the caller, the method, the path and the exact body, with SUBGRAPH_SECRET', async () => {
    const subgraph = await fakeSubgraph(200, JSON.stringify({ data: { sectors: { totalCount: 1 } } }));
    const gateway = await gatewayWith(subgraph.url);
    try {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-7' }, body: JSON.stringify({ query: '{ sectors { totalCount } }' }) });
      expect(await response.json()).toEqual({ data: { sectors: { totalCount: 1 } } });
      // besides the query, the gateway asked the subgraph its list sizes (a signed GET of its own)
      const queries = subgraph.received.filter((request) => request.path === '/graphql');
      expect(queries).toHaveLength(1);
      const [{ method, path, headers, body }] = queries;
      expect([method, path, headers['x-request-id'], headers[SIGNATURE_HEADER]]).toEqual(['POST', '/graphql', 'req-7', expect.stringMatching(/^t=\d+,n=[0-9a-f]{32},v1=[0-9a-f]{64}$/)]);
      expect(decodeIdentity(headers[IDENTITY_HEADER] as string)).toEqual(ANONYMOUS);
      const signed = { method, path, requestId: 'req-7', identity: headers[IDENTITY_HEADER] as string, body };
      expect(verifyRequest(SECRET, headers[SIGNATURE_HEADER] as string, signed)).toBeUndefined();
      expect(verifyRequest(generateSecret(), headers[SIGNATURE_HEADER] as string, signed)).toBe(`wrong ${SIGNATURE_HEADER}`);
    } finally {
      await gateway.close();
      await subgraph.close();
    }
  });

  it('takes a subgraph that refuses its signature (another SUBGRAPH_SECRET) for an unavailable one, and tells the operators', async () => {
    const refusal = JSON.stringify({ errors: [{ message: 'This subgraph answers only the hub’s gateway (wrong x-hub-signature).', extensions: { code: 'UNAUTHENTICATED' } }] });
    const subgraph = await fakeSubgraph(401, refusal);
    const logged: string[] = [];
    const gateway = await gatewayWith(subgraph.url, { info: () => {}, error: (message) => logged.push(message) });
    try {
      expect(await ask(gateway, `{ sectors { totalCount } }`)).toEqual([
        503,
        '30',
        {
          data: { sectors: null },
          errors: [
            {
              message: 'The conventions subgraph refused the gateway (HTTP 401): its fields are missing from this answer. Try again later.',
              path: ['sectors'],
              extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'conventions', serviceName: 'conventions' },
            },
          ],
        },
      ]);
      expect(logged).toEqual([`the conventions subgraph refused the gateway's signature: give both the same SUBGRAPH_SECRET (${refusal})`]);
    } finally {
      await gateway.close();
      await subgraph.close();
    }
  });

  it('tells Apollo’s gateway not to send usage metrics home, unless the operator decided otherwise', async () => {
    const operator = process.env.APOLLO_TELEMETRY_DISABLED;
    try {
      delete process.env.APOLLO_TELEMETRY_DISABLED;
      await (await gatewayWith()).close();
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
      process.env.APOLLO_TELEMETRY_DISABLED = 'false';
      await (await gatewayWith()).close();
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('false');
    } finally {
      if (operator === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = operator;
    }
  });
});
