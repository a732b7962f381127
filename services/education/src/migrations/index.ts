import { Migration20261125024249 } from './Migration20261125024249';
import { Migration20261125142814 } from './Migration20261125142814';
import { Migration20261125172252 } from './Migration20261125172252';
import { Migration20261125175111 } from './Migration20261125175111';
import { Migration20261125190407 } from './Migration20261125190407';
import { Migration20261207132911 } from './Migration20261207132911';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [
  { name: 'Migration20261125024249', class: Migration20261125024249 },
  { name: 'Migration20261125142814', class: Migration20261125142814 },
  { name: 'Migration20261125172252', class: Migration20261125172252 },
  { name: 'Migration20261125175111', class: Migration20261125175111 },
  { name: 'Migration20261125190407', class: Migration20261125190407 },
  { name: 'Migration20261207132911', class: Migration20261207132911 },
];
