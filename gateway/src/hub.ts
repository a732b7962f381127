import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot, startEmbeddedPostgres, SUBGRAPHS, urlVariable, type HubConfig, type Logger } from '@hub/kit';

export interface Hub {
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}


interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

/** Starts a compiled entry point as its own process group, each output line prefixed with its name. */
function startProcess(name: string, script: string, env: Record<string, string>, log: Logger, echo: boolean): Child {
  // Its own process group: Ctrl-C reaches only the hub, which stops everything in order.
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const label = `[${name}]`.padEnd(14);
  createInterface({ input: child.stdout! }).on('line', (line) => echo && process.stdout.write(`${label}${line}\n`));
  createInterface({ input: child.stderr! }).on('line', (line) => process.stderr.write(`${label}${line}\n`));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal === null) log.error(`${name} exited with code ${code}`);
      resolve();
    }),
  );
  return { name, process: child, exited };
}

async function stopProcess(child: Child, timeoutMs = 10_000) {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

/** Waits until GET /health answers, failing if the process exits first. */
async function waitUntilHealthy(child: Child, url: string, timeoutMs = 120_000) {
  const health = new URL('/health', url).toString();
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before it was ready (see its log above)`);
    try {
      if ((await fetch(health)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${child.name} was not ready after ${timeoutMs / 1000}s`);
}

/**
 * The whole hub: the database (embedded unless DATABASE_URL is set), the four subgraphs (each migrates
 * and loads its reference data) and the gateway, each its own process. stop() ends them in reverse
 * order and may be called at any time, even while start() is still running. `echo: false` keeps the
 * processes' standard output quiet (their errors still show).
 */
export function createHub(config: HubConfig, log: Logger, options: { echo?: boolean } = {}) {
  const echo = options.echo ?? true;
  const children: Child[] = [];
  let database: { url: string; stop(): Promise<void> } | undefined;
  let stopped = false;

  const stop = async () => {
    stopped = true;
    for (const child of [...children].reverse()) await stopProcess(child);
    await database?.stop();
  };

  const start = async (): Promise<Hub> => {
    try {
      database = config.databaseUrl
        ? { url: config.databaseUrl, stop: async () => {} }
        : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, log);
      const subgraphUrls: Record<string, string> = {};
      await Promise.all(
        SUBGRAPHS.map(async (subgraph, i) => {
          const port = config.subgraphBasePort + i;
          const url = `http://127.0.0.1:${port}/graphql`;
          if (stopped) throw new Error('stopped while starting');
          const script = path.join(repositoryRoot(), 'services', subgraph.name, 'dist', 'src', 'main.js');
          const child = startProcess(subgraph.name, script, { DATABASE_URL: database!.url, PORT: String(port), HOST: '127.0.0.1' }, log, echo);
          children.push(child);
          subgraphUrls[urlVariable(subgraph.name)] = url;
          await waitUntilHealthy(child, url);
        }),
      );
      if (stopped) throw new Error('stopped while starting');
      const script = path.join(repositoryRoot(), 'gateway', 'dist', 'src', 'main.js');
      const gateway = startProcess('gateway', script, { ...subgraphUrls, PORT: String(config.gatewayPort), HOST: '127.0.0.1' }, log, echo);
      children.push(gateway);
      const url = `http://localhost:${config.gatewayPort}/graphql`;
      await waitUntilHealthy(gateway, url);
      return { url, databaseUrl: database.url, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  };

  return { start, stop };
}
