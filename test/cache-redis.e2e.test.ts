import { Redis } from 'ioredis';
import { loadGatewayConfig, SUBGRAPHS, urlVariable, type RunningServer } from '@hub/kit';
import { freePort, quietLogger } from '@hub/kit/testing';
import { startGateway } from '@hub/gateway';
import { askGateway, startTestHub, type TestHub } from './support/hub';

// Two gateways in front of the same subgraphs share one Redis: entries and invalidations (REDIS_URL).
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let hub: TestHub;
let second: RunningServer;
beforeAll(async () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`this test needs Redis at ${REDIS_URL} (set REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
  const env = { REDIS_URL, RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' };
  hub = await startTestHub({ gatewayEnv: env });
  // a second replica: its own process memory, the same subgraphs, secret and Redis
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s, i) => [urlVariable(s.name), `http://127.0.0.1:${hub.subgraphBasePort + i}/graphql`]));
  const config = loadGatewayConfig({ ...env, ...subgraphUrls, SUBGRAPH_SECRET: hub.subgraphSecret, JWT_SECRET: hub.tokenSecret, PORT: String(await freePort()) });
  second = await startGateway(config, quietLogger('second gateway'));
}, 120_000);
afterAll(async () => {
  await second?.close();
  await hub?.stop();
});

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const { headers, body } = await askGateway(url, query, variables, token);
  return { cache: headers.get('x-cache'), body };
}

describe('the response cache in Redis, shared by two gateways', () => {
  const SECTOR = 'query Sector($id: ID!) { sector(id: $id) { name version } }';

  it('serves from either gateway what the other computed, and a write through one is seen fresh by both', async () => {
    const first = await post(hub.url, SECTOR, { id: 'verre_papier_carton' });
    expect(first.cache).toBe('MISS');
    const fromSecond = await post(second.url, SECTOR, { id: 'verre_papier_carton' });
    expect([fromSecond.cache, fromSecond.body]).toEqual(['HIT', first.body]);
    expect((await post(second.url, SECTOR, { id: 'peinture' })).cache).toBe('MISS');
    expect((await post(hub.url, SECTOR, { id: 'peinture' })).cache).toBe('HIT');

    // written through the second gateway: the subgraph tells the hub's gateway, which clears the shared entries
    const token = await hub.tokenFor('editor', 'gov_wallonia', 'redis-editor');
    const { version } = first.body.data.sector;
    const written = await post(second.url, 'mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { version } } }', { input: { id: 'verre_papier_carton', version, name: 'Verre (renamed)' } }, token);
    expect(written.body.errors).toBeUndefined();
    for (const url of [second.url, hub.url]) {
      const answer = await post(url, SECTOR, { id: 'verre_papier_carton' });
      expect(answer.body.data.sector).toEqual({ name: 'Verre (renamed)', version: version + 1 });
    }
    expect((await post(second.url, SECTOR, { id: 'peinture' })).cache).toBe('HIT');
  });

});
