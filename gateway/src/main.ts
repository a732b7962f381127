import { captureConsole, createLogger, errorFields, loadGatewayConfig, onShutdown } from '@hub/kit';
import { startGateway } from './gateway';

const log = createLogger('gateway');
captureConsole(log);
startGateway(loadGatewayConfig(), log).then(
  (running) => {
    onShutdown(log, running.close);
    log.info(`ready at ${running.url}`);
  },
  (error) => {
    log.error(`could not start: ${(error as Error).message ?? error}`, { err: errorFields(error) });
    process.exit(1);
  },
);
