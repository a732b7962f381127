import { SUBGRAPHS, type SubgraphName } from '@hub/kit';
import { freePort, postGraphQL, quietLogger } from '@hub/kit/testing';
import { startGateway } from '../src/gateway';

describe('gateway', () => {
  it('names the subgraph that does not answer, with a stable code', async () => {
    const closedPort = await freePort(); // nothing listens there
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${closedPort}/graphql`])) as Record<SubgraphName, string>;
    const gateway = await startGateway({ host: '127.0.0.1', port: 0, subgraphUrls }, quietLogger('gateway'));
    try {
      const { status, body } = await postGraphQL(gateway.url, `{ sectors { id } }`);
      expect([status, body]).toEqual([
        200,
        {
          data: null,
          errors: [
            {
              message: 'The conventions subgraph is unreachable: its fields are missing from this answer. Try again later.',
              extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'conventions' },
            },
          ],
        },
      ]);
    } finally {
      await gateway.close();
    }
  });
});
