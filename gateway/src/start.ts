import { createLogger, loadHubConfig, onShutdown } from '@hub/kit';
import { createHub } from './hub';

// `npm start`: the whole hub on this machine, until Ctrl-C.
if (process.argv.includes('--help')) {
  process.stdout.write(`npm start: runs PostgreSQL (embedded in .data/ unless DATABASE_URL is set), the four subgraphs and the gateway.
Environment: DATABASE_URL, PORT (gateway, 4000), SUBGRAPH_BASE_PORT (4001), HUB_DATA_DIR (.data), EMBEDDED_PG_PORT (54329).
`);
  process.exit(0);
}
const log = createLogger('hub');
const hub = createHub(loadHubConfig(), log);
onShutdown(log, hub.stop);
hub.start().then(
  ({ url }) => log.info(`the hub is ready: open ${url} for the GraphQL explorer (Ctrl-C stops everything)`),
  (error) => {
    log.error(`could not start the hub: ${error.message}`);
    process.exit(1);
  },
);
