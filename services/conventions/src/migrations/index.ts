import { Migration20261125024101 } from './Migration20261125024101';
import { Migration20261125142807 } from './Migration20261125142807';
import { Migration20261125172251 } from './Migration20261125172251';
import { Migration20261125175111 } from './Migration20261125175111';
import { Migration20261125190406 } from './Migration20261125190406';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [
  { name: 'Migration20261125024101', class: Migration20261125024101 },
  { name: 'Migration20261125142807', class: Migration20261125142807 },
  { name: 'Migration20261125172251', class: Migration20261125172251 },
  { name: 'Migration20261125175111', class: Migration20261125175111 },
  { name: 'Migration20261125190406', class: Migration20261125190406 },
];
