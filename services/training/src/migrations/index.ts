import { Migration20261125024251 } from './Migration20261125024251';
import { Migration20261125142815 } from './Migration20261125142815';
import { Migration20261125172253 } from './Migration20261125172253';
import { Migration20261125175112 } from './Migration20261125175112';
import { Migration20261125190408 } from './Migration20261125190408';
import { Migration20261207123016 } from './Migration20261207123016';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [
  { name: 'Migration20261125024251', class: Migration20261125024251 },
  { name: 'Migration20261125142815', class: Migration20261125142815 },
  { name: 'Migration20261125172253', class: Migration20261125172253 },
  { name: 'Migration20261125175112', class: Migration20261125175112 },
  { name: 'Migration20261125190408', class: Migration20261125190408 },
  { name: 'Migration20261207123016', class: Migration20261207123016 },
];
