import type { EntityManager } from '@mikro-orm/postgresql';
import type { PartyReference } from '@hub/kit';
import { PartyKey } from './party-key.entity';

/**
 * Adds to this subgraph's registry the parties a write named, once their owners confirmed them through
 * the gateway: a party another subgraph created since the data file was loaded can then be filtered on.
 */
export async function rememberParties(em: EntityManager, parties: PartyReference[] | undefined) {
  // an import names the same parties on many records: each is remembered once per transaction
  const known = remembered.get(em) ?? new Set<string>();
  remembered.set(em, known);
  const fresh = (parties ?? []).filter((p) => !known.has(`${p.kind}:${p.id}`));
  if (fresh.length === 0) return;
  await em.upsertMany(PartyKey, fresh.map((p) => ({ id: p.id, kind: p.kind })));
  for (const p of fresh) known.add(`${p.kind}:${p.id}`);
}

const remembered = new WeakMap<EntityManager, Set<string>>();
