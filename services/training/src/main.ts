import { runSubgraph } from '@hub/kit';
import { training } from './module';

void runSubgraph(training);
