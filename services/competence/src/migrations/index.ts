import { Migration20261125024253 } from './Migration20261125024253';
import { Migration20261125030912 } from './Migration20261125030912';
import { Migration20261125142816 } from './Migration20261125142816';
import { Migration20261125172253 } from './Migration20261125172253';
import { Migration20261125175112 } from './Migration20261125175112';
import { Migration20261125190409 } from './Migration20261125190409';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [
  { name: 'Migration20261125024253', class: Migration20261125024253 },
  { name: 'Migration20261125030912', class: Migration20261125030912 },
  { name: 'Migration20261125142816', class: Migration20261125142816 },
  { name: 'Migration20261125172253', class: Migration20261125172253 },
  { name: 'Migration20261125175112', class: Migration20261125175112 },
  { name: 'Migration20261125190409', class: Migration20261125190409 },
];
