import { runSubgraph } from '@hub/kit';
import { conventions } from './module';

void runSubgraph(conventions);
