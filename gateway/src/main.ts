import { captureConsole, createLogger, errorFields, loadGatewayConfig, onShutdown } from '@hub/kit';
import { startGateway } from './gateway';

async function main() {
  const log = createLogger('gateway');
  captureConsole(log);
  try {
    const running = await startGateway(loadGatewayConfig(), log);
    onShutdown(log, running.close);
    log.info(`ready at ${running.url}`);
  } catch (error) {
    // A configuration error too: one line naming the variable, not an uncaught stack.
    log.error(`could not start: ${(error as Error).message ?? error}`, { err: errorFields(error) });
    process.exit(1);
  }
}

void main();
