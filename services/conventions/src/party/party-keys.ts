import type { EntityManager } from '@mikro-orm/postgresql';
import type { PartyReference } from '@hub/kit';
import { PartyKey } from './party-key.entity';

/**
 * Adds to this subgraph's registry the parties a write named, once their owners confirmed them through
 * the gateway: a party another subgraph created since the data file was loaded can then be filtered on.
 */
export async function rememberParties(em: EntityManager, parties: PartyReference[] | undefined) {
  if (parties?.length) await em.upsertMany(PartyKey, parties.map((p) => ({ id: p.id, kind: p.kind })));
}
