import { runSubgraph } from '@hub/kit';
import { competence } from './module';

void runSubgraph(competence);
