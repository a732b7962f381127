import { loadTestConfig } from '@hub/kit';
import { signedHeaders, sql, startTestSubgraph } from '@hub/kit/testing';
import { competence } from '../src/module';

// A subgraph whose database goes away under it: its pooled connections are terminated and no new one
// can be made (the database is dropped), as in an outage of the database server.
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(competence);
});
afterAll(() => subgraph?.stop());

describe('competence subgraph, its database gone', () => {
  it('answers SERVICE_UNAVAILABLE with 503 and Retry-After, not an internal error', async () => {
    const before = await subgraph.query(`{ competenceCentres { totalCount } }`);
    expect(before.body).toEqual({ data: { competenceCentres: { totalCount: 24 } } });

    const ready = () => fetch(new URL('/health/ready', subgraph.url)).then(async (response) => [response.status, await response.json()]);
    expect(await ready()).toEqual([200, { status: 'ok' }]);

    const name = new URL(subgraph.databaseUrl).pathname.slice(1);
    await sql(loadTestConfig().databaseUrl, `drop database "${name}" with (force)`);

    const body = JSON.stringify({ query: `{ competenceCentres { totalCount } }` });
    const response = await fetch(subgraph.url, { method: 'POST', headers: signedHeaders(subgraph.url, body, subgraph.subgraphSecret), body });
    expect([response.status, response.headers.get('retry-after'), await response.json()]).toEqual([
      503,
      '30',
      {
        errors: [
          {
            message: 'The database behind this part of the answer is unavailable: its fields are missing. Try again later.',
            locations: [{ line: 1, column: 3 }],
            path: ['competenceCentres'],
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
        data: { competenceCentres: null },
      },
    ]);
    // not ready, so that an orchestrator stops sending it requests; it still answers that it is alive
    expect(await ready()).toEqual([503, { status: 'unavailable' }]);
    expect((await fetch(new URL('/health/live', subgraph.url))).status).toBe(200);
  });
});
