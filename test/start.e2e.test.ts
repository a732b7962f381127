import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { freePort, freePortRange, postGraphQL } from '@hub/kit/testing';

// `npm start` on a machine with no database: the embedded PostgreSQL in a data folder, Ctrl-C, restart.
const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'hub-start-')), 'data');

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  const { DATABASE_URL: _none, ...rest } = process.env;
  env = {
    ...rest,
    HUB_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    SUBGRAPH_BASE_PORT: String(await freePortRange(4)),
  };
});
afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

/** Runs the compiled `npm start` entry point until it prints that the hub is ready. */
function start(): Promise<{ hub: ChildProcess; output: () => string; url: string }> {
  const hub = spawn(process.execPath, [path.join(repositoryRoot(), 'gateway/dist/src/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 90s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const ready = /the hub is ready: open (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ hub, output: () => output, url: ready[1] });
      }
    };
    hub.stdout!.on('data', onData);
    hub.stderr!.on('data', onData);
    hub.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
}

function interrupt(hub: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    hub.once('exit', (code) => resolve(code));
    hub.kill('SIGINT');
  });
}

const answers = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }).then(() => true, () => false);

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (await condition()) return;
  }
  throw new Error(`still not so after ${timeoutMs / 1000} s`);
}

describe('npm start', () => {
  it('runs the hub on an embedded PostgreSQL, stops cleanly on Ctrl-C, reuses the data, and recovers from being killed', async () => {
    const first = await start();
    expect(first.output()).toContain(`initialising an embedded PostgreSQL in ${path.join(dataDir, 'postgres')}`);
    const { body } = await postGraphQL(first.url, `{ sectors { id } trainingOperator(id: "ifapme") { id } competenceCentre(id: "technifutur") { id } }`);
    expect(body.data.sectors).toHaveLength(8);
    expect(body.data.trainingOperator).toEqual({ id: 'ifapme' });
    expect(body.data.competenceCentre).toEqual({ id: 'technifutur' });

    expect(await interrupt(first.hub)).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    await expect(fetch(first.url)).rejects.toThrow();

    const second = await start();
    expect(second.output()).not.toContain('initialising');
    expect((await postGraphQL(second.url, `{ sectors { id } }`)).body.data.sectors).toHaveLength(8);

    // Killed outright (no Ctrl-C): its processes notice and stop; the next start takes over the database.
    second.hub.kill('SIGKILL');
    await waitUntil(async () => !(await answers(second.url)));
    const third = await start();
    expect(third.output()).toContain('an earlier hub left running');
    expect((await postGraphQL(third.url, `{ sectors { id } }`)).body.data.sectors).toHaveLength(8);
    expect(await interrupt(third.hub)).toBe(0);
  }, 180_000);
});
