import { runSubgraph } from '@hub/kit';
import { education } from './module';

void runSubgraph(education);
