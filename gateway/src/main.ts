import { createLogger, loadGatewayConfig, onShutdown } from '@hub/kit';
import { startGateway } from './gateway';

const log = createLogger('gateway');
startGateway(loadGatewayConfig(), log).then(
  (running) => {
    onShutdown(log, running.close);
    log.info(`ready at ${running.url}`);
  },
  (error) => {
    log.error(`could not start: ${error.stack ?? error}`);
    process.exit(1);
  },
);
