import { postGraphQL } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// The hub as `npm start` supervises it: a process that crashes is started again.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ restart: true, keepLogs: true });
}, 120_000);
afterAll(() => hub?.stop());

const ready = () => fetch(new URL('/health/ready', hub.url)).then(async (response) => [response.status, await response.json()]);

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (await condition()) return;
  }
  throw new Error(`still not so after ${timeoutMs / 1000} s`);
}

describe('a supervised hub', () => {
  it('restarts a killed subgraph, which answers again, and says so; the gateway is not ready meanwhile', async () => {
    const query = `{ trainingOperator(id: "ifapme") { id } }`;
    expect((await postGraphQL(hub.url, query)).body).toEqual({ data: { trainingOperator: { id: 'ifapme' } } });
    expect(await ready()).toEqual([200, { status: 'ok' }]);

    await hub.killSubgraph('training');
    expect(await ready()).toEqual([503, { status: 'unavailable' }]);

    await waitUntil(async () => (await ready())[0] === 200);
    expect((await postGraphQL(hub.url, query)).body).toEqual({ data: { trainingOperator: { id: 'ifapme' } } });
    await waitUntil(async () => hub.logs().some((line) => line.msg === 'training restarted and ready'));
    expect(hub.logs().filter((line) => line.name === 'hub' && line.msg.startsWith('training'))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'training stopped (SIGKILL): restarting it in 1 s' }),
      expect.objectContaining({ level: 'info', msg: 'training restarted and ready' }),
    ]);
  }, 60_000);
});
