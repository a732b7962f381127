import { createServer, type Server } from 'node:http';
import { waitUntilReady } from '../src/hub';

/** A server on a free port answering /health/live with `instance` and /health/ready with ok. */
async function healthServer(instance: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/health/live' ? { status: 'ok', instance } : { status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

describe('waiting for a started process to be ready', () => {
  const running = { name: 'training', exited: new Promise<void>(() => {}) };

  it('accepts the process it started: its /health/live names the instance it was given', async () => {
    const { server, url } = await healthServer('instance-1');
    try {
      await expect(waitUntilReady({ ...running, instance: 'instance-1' }, { url, variable: 'SUBGRAPH_BASE_PORT' }, 5000)).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('refuses another process answering on its port, rather than announcing that one as ready', async () => {
    const { server, url } = await healthServer('someone-else');
    try {
      await expect(waitUntilReady({ ...running, instance: 'instance-1' }, { url, variable: 'SUBGRAPH_BASE_PORT' }, 5000)).rejects.toThrow(
        `port ${new URL(url).port} is used by another process: stop it or set SUBGRAPH_BASE_PORT`,
      );
    } finally {
      server.close();
    }
  });

  it('says so when the process exits before it is ready', async () => {
    const place = { url: 'http://127.0.0.1:9/graphql', variable: 'PORT' };
    await expect(waitUntilReady({ name: 'gateway', exited: Promise.resolve(), instance: 'i' }, place, 5000)).rejects.toThrow('gateway exited before it was ready (see its log above)');
  });
});
