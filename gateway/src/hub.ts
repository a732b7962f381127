import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  clip,
  generateSecret,
  prettyLine,
  repositoryRoot,
  serviceDatabaseUrl,
  startEmbeddedPostgres,
  storedSecret,
  SUBGRAPHS,
  urlVariable,
  type HubConfig,
  type Logger,
  type SubgraphName,
} from '@hub/kit';
import { checkPortsFree, lockDataFolder } from './preflight';

export interface Hub {
  url: string;
  databaseUrl: string;
  /** The SUBGRAPH_SECRET the gateway signs its subgraph requests with. */
  subgraphSecret: string;
  /** Each subgraph's SERVICE_DATABASE_URL: the role it serves requests as. */
  serviceDatabaseUrls: Record<SubgraphName, string>;
  /** The JWT_SECRET the gateway accepts tokens signed with, when the hub chose it (not the operator). */
  tokenSecret?: string;
  stop(): Promise<void>;
  /** Kills one subgraph's process outright (SIGKILL), as a crash would: for tests of the hub without it (and, with `restart`, of its return). */
  killSubgraph(name: SubgraphName): Promise<void>;
}

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
  /** HUB_INSTANCE in its environment: its /health/live returns it. */
  instance: string;
}

/** Where a child listens, and the variable of `npm start` that moves it. */
export interface Place {
  url: string;
  variable: string;
}

/** What the hub does with its processes' output lines. */
interface Output {
  /** Whether standard output is shown. */
  echo: boolean;
  /** Whether standard error is shown (always, but in a test that causes errors on purpose). */
  errors: boolean;
  format: 'json' | 'pretty';
  /** Also given every line, as JSON. */
  onLine?: (line: string) => void;
}

/**
 * Starts a compiled entry point as its own process group. Its JSON lines (they name it) are passed on as
 * they are, or made readable for LOG_FORMAT=pretty; anything else it prints (a crash's trace) is made a
 * line of its own, so that every line of `npm start` is JSON.
 */
function startProcess(name: string, script: string, env: Record<string, string>, log: Logger, output: Output): Child {
  const instance = randomBytes(9).toString('base64url');
  // Its own process group: Ctrl-C reaches only the hub, which stops everything in order.
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env, HUB_INSTANCE: instance }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const relay = (input: NodeJS.ReadableStream, level: 'info' | 'error', to: NodeJS.WriteStream, shown: boolean) =>
    createInterface({ input }).on('line', (text) => {
      const line = text.startsWith('{') ? text : JSON.stringify({ time: new Date().toISOString(), level, name, msg: clip(text, 1000) });
      output.onLine?.(line);
      if (shown) to.write(`${output.format === 'pretty' ? prettyLine(line) : line}\n`);
    });
  relay(child.stdout!, 'info', process.stdout, output.echo);
  relay(child.stderr!, 'error', process.stderr, output.errors);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal === null) log.error(`${name} exited with code ${code}`);
      resolve();
    }),
  );
  return { name, process: child, exited, instance };
}

async function stopProcess(child: Child, timeoutMs = 10_000) {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the child answers /health/live with its own instance id, then /health/ready with ok;
 * fails if it exits first, or if another process answers on its port.
 */
export async function waitUntilReady(child: Pick<Child, 'name' | 'exited' | 'instance'>, place: Place, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  const answer = async (path: string) => {
    try {
      const response = await fetch(new URL(path, place.url), { signal: AbortSignal.timeout(5000) });
      return { ok: response.ok, body: (await response.json().catch(() => ({}))) as { instance?: string } };
    } catch {
      return undefined; // not listening yet
    }
  };
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before it was ready (see its log above)`);
    const live = await answer('/health/live');
    if (live && live.body.instance !== child.instance && !exited) {
      const port = new URL(place.url).port;
      throw new Error(`port ${port} is used by another process: stop it or set ${place.variable}`);
    }
    if (live && (await answer('/health/ready'))?.ok) return;
    await sleep(150);
  }
  throw new Error(`${child.name} was not ready after ${timeoutMs / 1000}s`);
}

/**
 * The secrets of a data folder, made the first time and kept in `<dataDir>/secrets/` (0600) so that a
 * restart finds them; without a data folder (tests, the bench), new ones for each run.
 */
const secretOf = (dataDir: string) => (name: string) => (dataDir ? storedSecret(path.join(dataDir, 'secrets', name)) : generateSecret());

/** The data folder's file of the key that signs local tokens (`npm run token`). */
export const LOCAL_TOKEN_SECRET = 'local-token-secret';
/** The data folder's API keys (`npm run keys`). */
export const apiKeysFileOf = (dataDir: string) => path.join(dataDir, 'api-keys.json');

/**
 * What `npm start` gives the gateway to sign people in, unless the operator set their own keys: the data
 * folder's local token secret (so `npm run token` makes tokens it accepts) and its API keys file.
 */
function localSignIn(dataDir: string, secret: (name: string) => string): { env: Record<string, string>; tokenSecret?: string } {
  const env: Record<string, string> = {};
  if (!process.env.API_KEYS_FILE && dataDir) env.API_KEYS_FILE = apiKeysFileOf(dataDir);
  if (process.env.JWT_SECRET || process.env.JWKS_FILE) return { env };
  env.JWT_SECRET = secret(LOCAL_TOKEN_SECRET);
  return { env, tokenSecret: env.JWT_SECRET };
}

/**
 * The whole hub: the database (embedded unless DATABASE_URL is set), the four subgraphs (each migrates
 * and loads its reference data) and the gateway, each its own process. stop() ends them in reverse
 * order and may be called at any time, even while start() is still running. `echo: false` keeps the
 * processes' standard output quiet (their errors still show); `onLine` is given every line they write;
 * `gatewayEnv` adds to the gateway's environment (the bench lifts the gateway's limits so); `restart`
 * starts a process that exits again (`npm start`). Before anything starts, it refuses a data folder another
 * live hub holds (its lock) and a port already taken. The
 * subgraphs get DATABASE_URL (the owner of their schemas), a role of their own each
 * (SERVICE_DATABASE_URL) and, like the gateway, the SUBGRAPH_SECRET of the data folder.
 */
export function createHub(
  config: HubConfig,
  log: Logger,
  options: { echo?: boolean; quietErrors?: boolean; gatewayEnv?: Record<string, string>; onLine?: (line: string) => void; restart?: boolean } = {},
) {
  const output: Output = { echo: options.echo ?? true, errors: !options.quietErrors, format: config.logFormat ?? 'json', onLine: options.onLine };
  /** One slot per process, in start order; a restart puts the new process in its slot. */
  const slots: { name: string; child: Child }[] = [];
  let database: { url: string; stop(): Promise<void> } | undefined;
  let release: (() => void) | undefined;
  let stopped = false;
  let supervising = false;

  const stop = async () => {
    stopped = true;
    for (const slot of [...slots].reverse()) await stopProcess(slot.child);
    await database?.stop();
    release?.();
  };

  /**
   * Starts a process in a slot of its own; once the hub is ready (`supervising`), a process that exits
   * is started again after 1 s, 2 s, 4 s… (at most 30 s; back to 1 s once one stays up a minute).
   */
  const launch = (name: string, start: () => Child, place: Place) => {
    const slot = { name, child: start() };
    slots.push(slot);
    let delayMs = 1000;
    const watch = (child: Child) => {
      const startedAt = Date.now();
      void child.exited.then(async () => {
        if (!options.restart || !supervising || stopped) return;
        if (Date.now() - startedAt >= 60_000) delayMs = 1000;
        log.error(`${name} stopped (${child.process.signalCode ?? `code ${child.process.exitCode}`}): restarting it in ${delayMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
        delayMs = Math.min(delayMs * 2, 30_000);
        if (stopped) return;
        slot.child = start();
        watch(slot.child);
        waitUntilReady(slot.child, place).then(
          () => log.info(`${name} restarted and ready`),
          (error) => !stopped && log.error(`${name} did not come back: ${(error as Error).message}`),
        );
      });
    };
    watch(slot.child);
    return slot.child;
  };

  const start = async (): Promise<Hub> => {
    try {
      const lock = config.dataDir ? lockDataFolder(config.dataDir, log) : undefined;
      release = lock?.release;
      await checkPortsFree(config, lock?.tookOver ? 10_000 : 0);
      database = config.databaseUrl
        ? { url: config.databaseUrl, stop: async () => {} }
        : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, log);
      const secret = secretOf(config.dataDir);
      const subgraphSecret = secret('subgraph-secret');
      const serviceDatabaseUrls = Object.fromEntries(
        SUBGRAPHS.map((s) => [s.name, serviceDatabaseUrl(database!.url, s.name, secret(`database-role-${s.name}`))]),
      ) as Record<SubgraphName, string>;
      const subgraphUrls: Record<string, string> = {};
      await Promise.all(
        SUBGRAPHS.map(async (subgraph, i) => {
          const port = config.subgraphBasePort + i;
          const url = `http://127.0.0.1:${port}/graphql`;
          if (stopped) throw new Error('stopped while starting');
          const script = path.join(repositoryRoot(), 'services', subgraph.name, 'dist', 'src', 'main.js');
          const env = {
            DATABASE_URL: database!.url,
            SERVICE_DATABASE_URL: serviceDatabaseUrls[subgraph.name],
            SUBGRAPH_SECRET: subgraphSecret,
            PORT: String(port),
            HOST: '127.0.0.1',
            GATEWAY_URL: `http://127.0.0.1:${config.gatewayPort}/graphql`,
          };
          const place = { url, variable: 'SUBGRAPH_BASE_PORT' };
          const child = launch(subgraph.name, () => startProcess(subgraph.name, script, env, log, output), place);
          subgraphUrls[urlVariable(subgraph.name)] = url;
          await waitUntilReady(child, place);
        }),
      );
      if (stopped) throw new Error('stopped while starting');
      const script = path.join(repositoryRoot(), 'gateway', 'dist', 'src', 'main.js');
      const signIn = localSignIn(config.dataDir, secret);
      const gatewayEnv = { ...signIn.env, ...options.gatewayEnv, ...subgraphUrls, SUBGRAPH_SECRET: subgraphSecret, PORT: String(config.gatewayPort), HOST: '127.0.0.1' };
      const url = `http://localhost:${config.gatewayPort}/graphql`;
      const place = { url, variable: 'PORT' };
      const gateway = launch('gateway', () => startProcess('gateway', script, gatewayEnv, log, output), place);
      await waitUntilReady(gateway, place);
      supervising = true;
      const killSubgraph = async (name: SubgraphName) => {
        const child = slots.find((s) => s.name === name)?.child;
        if (!child) throw new Error(`no subgraph named ${name}`);
        child.process.kill('SIGKILL');
        await child.exited;
      };
      return { url, databaseUrl: database.url, subgraphSecret, serviceDatabaseUrls, tokenSecret: signIn.tokenSecret, stop, killSubgraph };
    } catch (error) {
      await stop();
      throw error;
    }
  };

  return { start, stop };
}
