import path from 'node:path';
import { subgraphCli } from '@hub/kit';
import { education } from './module';

void subgraphCli(education, path.resolve(__dirname, '../../src/migrations'));
