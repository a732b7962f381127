import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { SubgraphName } from './config';
import type { Context } from './context';
import { oneLoader } from './loaders';
import { Organisation, PartyKind, kindsOwnedBy } from './party';
import { provenanceOf, type ReferenceData } from './reference-data';

/** The loaders every subgraph that stores organisations needs. */
export function organisationLoaders(em: EntityManager) {
  return { organisationById: oneLoader((ids) => em.find(Organisation, { id: { $in: ids } }), (o) => o.id) };
}
type OrganisationContext = Context<ReturnType<typeof organisationLoaders>>;

/** `__resolveReference` of a party type stored as an organisation. */
export const resolveOrganisation = (ref: { id: string }, { loaders }: OrganisationContext) => loaders.organisationById.load(ref.id);

/** Upserts the parties of the reference data that `owner` owns, as organisations. */
export async function loadOrganisations(em: EntityManager, data: ReferenceData, owner: SubgraphName) {
  const owned = new Set<string>(kindsOwnedBy(owner));
  const rows = data.parties
    .map((party, i) => ({ party, at: `parties[${i}]` }))
    .filter(({ party }) => owned.has(party.kind))
    .map(({ party, at }) => ({
      id: party.id,
      name: party.name,
      kind: party.kind as PartyKind,
      legalBasis: party.legal_basis,
      website: party.website,
      ...provenanceOf(data, party, at),
    }));
  if (rows.length > 0) await em.upsertMany(Organisation, rows);
}

/**
 * `Query.<single>(id)` and `Query.<plural>(verifiedOnly)` for a party type stored as organisations of
 * the given kinds; an id of another kind is null, like an unknown one.
 */
export function organisationQueries(type: Function, options: { kinds: PartyKind[]; single: string; plural: string; what: string }) {
  @Resolver(() => type)
  class OrganisationQueries {
    @Query(() => type, { name: options.single, nullable: true, description: `One ${options.what} by id; null when there is none with that id.` })
    async single(@Arg('id', () => ID) id: string, @Ctx() { loaders }: OrganisationContext) {
      const organisation = await loaders.organisationById.load(id);
      return organisation && options.kinds.includes(organisation.kind) ? organisation : null;
    }

    @Query(() => [type], { name: options.plural, description: `Every ${options.what}, by id.` })
    plural(
      @Arg('verifiedOnly', { defaultValue: false, description: 'Only those backed by a public source.' }) verifiedOnly: boolean,
      @Ctx() { em }: OrganisationContext,
    ) {
      return em.find(Organisation, { kind: { $in: options.kinds }, ...(verifiedOnly ? { verified: true } : {}) }, { orderBy: { id: 'asc' } });
    }
  }
  return OrganisationQueries;
}
