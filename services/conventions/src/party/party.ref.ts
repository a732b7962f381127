import { PARTY_TYPES, type PartyKind } from '@hub/kit';
import type { Loaders } from '../loaders';

/**
 * A party as a list field returns it: an organisation this subgraph owns is loaded (the gateway asks
 * no one else for its fields); a party owned elsewhere is a reference the gateway resolves with its owner.
 */
export function partyOf(link: { partyId: string; partyKind: PartyKind }, loaders: Loaders) {
  return PARTY_TYPES[link.partyKind].owner === 'conventions'
    ? loaders.organisationById.load(link.partyId)
    : { id: link.partyId, kind: link.partyKind };
}
