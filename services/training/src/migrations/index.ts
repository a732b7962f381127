import { Migration20261125024251 } from './Migration20261125024251';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [{ name: 'Migration20261125024251', class: Migration20261125024251 }];
