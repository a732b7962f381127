import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { portInUse, SUBGRAPHS, type HubConfig, type Logger } from '@hub/kit';

/** Where a running hub writes its pid, in its data folder. */
export const lockFile = (dataDir: string) => path.join(dataDir, 'hub.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes this process the one hub of `dataDir`: refuses while another live hub holds the folder's lock,
 * takes over the lock of a hub that is gone. Returns the release.
 */
export function lockDataFolder(dataDir: string, log: Logger): { release(): void; tookOver: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  let tookOver = false;
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(`another hub (pid ${holder}) is running on the data folder ${dataDir}: stop it, or set HUB_DATA_DIR to another folder`);
    }
    log.info(`taking over the data folder ${dataDir} from a hub (pid ${holder}) that is gone`);
    unlinkSync(file);
    tookOver = true;
  }
  const release = () => {
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  return { release, tookOver };
}

import { isPortFree as isFree } from '@hub/kit';

/**
 * The ports the hub's processes listen on, each with what it is for and the variable that moves it (the
 * embedded PostgreSQL's is checked where it starts, once a PostgreSQL a dead hub left on it is stopped).
 */
export function hubPorts(config: HubConfig): { port: number; what: string; variable: string }[] {
  return [
    { port: config.gatewayPort, what: 'the gateway', variable: 'PORT' },
    ...SUBGRAPHS.map((s, i) => ({ port: config.subgraphBasePort + i, what: `the ${s.name} subgraph`, variable: 'SUBGRAPH_BASE_PORT' })),
  ];
}

/**
 * Refuses, naming the port and the variable to change, when a port the hub needs is taken. `graceMs`:
 * how long a port may take to be freed (the processes of a hub killed outright stop within seconds).
 */
export async function checkPortsFree(config: HubConfig, graceMs = 0): Promise<void> {
  const deadline = Date.now() + graceMs;
  for (const { port, what, variable } of hubPorts(config)) {
    while (!(await isFree(port))) {
      if (Date.now() >= deadline) throw new Error(portInUse(port, what, variable));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
