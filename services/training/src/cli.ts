import path from 'node:path';
import { subgraphCli } from '@hub/kit';
import { training } from './module';

void subgraphCli(training, path.resolve(__dirname, '../../src/migrations'));
