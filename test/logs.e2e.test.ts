import { sql } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// What the processes log, read from the lines they write, as an operator's tools would.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ keepLogs: true });
}, 120_000);
afterAll(() => hub?.stop());

function post(body: unknown, requestId: string) {
  return fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) });
}

/** The lines about a request, once there are `count` (a subgraph writes its own after answering, and lines come through pipes). */
async function linesAbout(requestId: string, count: number) {
  const about = () => hub.logs().filter((line) => line.requestId === requestId);
  for (const deadline = Date.now() + 5000; about().length < count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  return about();
}

describe('logs', () => {
  it('logs a masked internal error once per process with the request id, the stack once and the fields it failed', async () => {
    // A table gone from under the conventions subgraph: the framework agreement of every convention that has one fails alike.
    await sql(hub.databaseUrl, 'alter table conventions.framework_agreement rename to framework_agreement_gone');
    let body: { errors: { path: (string | number)[]; extensions: { code: string; requestId: string } }[] };
    try {
      const response = await post({ query: '{ conventions(first: 20, orderBy: [{ field: TITLE }]) { nodes { title frameworkAgreement { title } } } }' }, 'masked-1');
      body = (await response.json()) as typeof body;
    } finally {
      await sql(hub.databaseUrl, 'alter table conventions.framework_agreement_gone rename to framework_agreement');
    }
    const paths = body.errors.map((error) => error.path.join('.'));
    expect(paths.length).toBeGreaterThan(1);
    expect(body.errors.map((error) => error.extensions)).toEqual(paths.map(() => ({ code: 'INTERNAL_SERVER_ERROR', requestId: 'masked-1' })));

    const lines = await linesAbout('masked-1', 3);
    // two processes write these lines: they may reach the hub in either order
    const errors = lines.filter((line) => line.level === 'error').sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(errors).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'error',
        name: 'conventions',
        requestId: 'masked-1',
        msg: 'internal error',
        err: {
          type: 'TableNotFoundException',
          code: '42P01',
          message: expect.stringContaining('from "conventions"."framework_agreement"'),
          stack: expect.stringMatching(/^ {4}at .*\n {4}at /),
        },
        count: paths.length,
        paths: paths.slice(0, 10),
      },
      {
        time: expect.any(String),
        level: 'error',
        name: 'gateway',
        requestId: 'masked-1',
        msg: 'internal error in the conventions subgraph',
        subgraph: 'conventions',
        err: { message: 'Internal server error: the operators have been told; quote the request id when you report it.', code: 'INTERNAL_SERVER_ERROR' },
        count: paths.length,
        paths: paths.slice(0, 10),
      },
    ]);
    expect(lines.find((line) => line.name === 'gateway' && line.msg === 'request')).toEqual({
      cache: 'miss',
      time: expect.any(String),
      level: 'info',
      name: 'gateway',
      requestId: 'masked-1',
      msg: 'request',
      operation: 'anonymous',
      status: 200,
      codes: ['INTERNAL_SERVER_ERROR'],
      ms: expect.any(Number),
      sql: expect.any(Number),
      caller: 'anonymous',
    });
  });

  it('logs the status the client got', async () => {
    const response = await post({ query: 'query Refused { sectors(after: "x") { totalCount } }' }, 'refused-1');
    expect(response.status).toBe(400);
    const [line] = await linesAbout('refused-1', 1);
    expect([line.operation, line.status, line.codes]).toEqual(['Refused', 400, ['BAD_USER_INPUT']]);
  });

  it('writes a client’s operation name as a field cut short: a long one cannot make a long line', async () => {
    const name = `Q${'x'.repeat(100_000)}`;
    expect((await post({ query: `query ${name} { sectors { totalCount } }` }, 'long-name-1')).status).toBe(200);
    const [line] = await linesAbout('long-name-1', 1);
    expect(line.operation).toBe(`${name.slice(0, 200)}… (100001 characters)`);
    expect(JSON.stringify(line).length).toBeLessThan(1000);
  });
});
