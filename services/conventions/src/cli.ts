import path from 'node:path';
import { subgraphCli } from '@hub/kit';
import { conventions } from './module';

void subgraphCli(conventions, path.resolve(__dirname, '../../src/migrations'));
