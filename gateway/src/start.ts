import { captureConsole, createLogger, loadHubConfig, onShutdown } from '@hub/kit';
import { createHub } from './hub';

// `npm start`: the whole hub on this machine, until Ctrl-C.
if (process.argv.includes('--help')) {
  process.stdout.write(`npm start: runs PostgreSQL (embedded in .data/ unless DATABASE_URL is set), the four subgraphs and the gateway.
Environment: DATABASE_URL, PORT (gateway, 4000), SUBGRAPH_BASE_PORT (4001), HUB_DATA_DIR (.data), EMBEDDED_PG_PORT (54329),
LOG_FORMAT (json: one JSON object per line, from every process; pretty: readable lines).
The subgraph secret and the database passwords are made once per data folder, in <HUB_DATA_DIR>/secrets/.
It refuses to start when one of its ports is taken or another hub runs on the data folder (<HUB_DATA_DIR>/hub.lock),
restarts a process that crashes (after 1 s, 2 s, 4 s… at most 30 s), and on Ctrl-C stops the gateway (which
finishes the requests in flight), then the subgraphs, then PostgreSQL.
`);
  process.exit(0);
}
const config = loadHubConfig();
const log = createLogger('hub', { format: config.logFormat });
captureConsole(log);
const hub = createHub(config, log, { restart: true });
onShutdown(log, hub.stop);
hub.start().then(
  ({ url }) => log.info(`the hub is ready: open ${url} for the GraphQL explorer (Ctrl-C stops everything)`),
  (error) => {
    log.error(`could not start the hub: ${(error as Error | undefined)?.message ?? String(error)}`);
    process.exit(1);
  },
);
