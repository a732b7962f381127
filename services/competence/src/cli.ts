import path from 'node:path';
import { subgraphCli } from '@hub/kit';
import { competence } from './module';

void subgraphCli(competence, path.resolve(__dirname, '../../src/migrations'));
