import { Migration20261125024253 } from './Migration20261125024253';

/** Every migration of this subgraph, in order (an explicit list: nothing is globbed after compilation). */
export const migrations = [{ name: 'Migration20261125024253', class: Migration20261125024253 }];
