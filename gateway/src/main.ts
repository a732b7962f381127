import { captureConsole, createLogger, errorFields, loadGatewayConfig, onShutdown, startTracing } from '@hub/kit';
import { startGateway } from './gateway';

async function main() {
  const log = createLogger('gateway');
  captureConsole(log);
  const stopTracing = startTracing('gateway');
  try {
    const running = await startGateway(loadGatewayConfig(), log);
    onShutdown(log, async () => {
      await running.close();
      await stopTracing?.(); // the last spans are sent before the process ends
    });
    log.info(`ready at ${running.url}`);
  } catch (error) {
    // A configuration error too: one line naming the variable, not an uncaught stack.
    log.error(`could not start: ${(error as Error).message ?? error}`, { err: errorFields(error) });
    process.exit(1);
  }
}

void main();
