import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import type { SubgraphName } from './config';
import { connectionType, ORDER_BY_DESCRIPTION, orderInput, PageArgs } from './connection';
import type { Context } from './context';
import { NULL_WHEN_UNANSWERED } from './errors';
import { Composable, ListQuery, RecordFilter, textKey, type ListArgs } from './list';
import { oneLoader } from './loaders';
import { Organisation, PARTY_TYPES, PartyKind, kindsOwnedBy } from './party';
import { idChecker, recordPredicates, UPDATED_AT_KEY } from './predicates';
import { provenanceOf, type ReferenceData } from './reference-data';
import { raw, sql } from './sql';

/** The GraphQL fields of an organisation, which `unverified_fields` may name. */
export const ORGANISATION_FIELDS = ['id', 'name', 'kind', 'legalBasis', 'website'] as const;

@InputType({ description: 'Which parties to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('parties')
export class PartyFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name and id, regardless of case and accents, typos allowed ("forem" finds "Le Forem"); results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [PartyKind], { nullable: true, description: 'Only parties of these kinds.' })
  kind?: PartyKind[] | null;
}

export const PartyOrderField = { RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', KIND: 'KIND', UPDATED_AT: 'UPDATED_AT' } as const;
export const PartyOrder = orderInput(PartyOrderField, 'Party', {
  RELEVANCE: 'How well the party matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  NAME: 'The name, as published.',
  KIND: 'The kind of party.',
  UPDATED_AT: 'When the hub last stored a change.',
});

/** The loaders every subgraph that stores organisations needs. */
export function organisationLoaders(em: EntityManager) {
  const table = `${em.config.get('schema')}.organisation`;
  const checkIds = idChecker(em, table, 'party');
  return {
    organisationById: oneLoader((ids) => em.find(Organisation, { id: { $in: ids } }), (o) => o.id),
    /** The organisations of the given kinds, filtered, ordered and paged in SQL. */
    organisations: (kinds: PartyKind[]) =>
      new ListQuery<Organisation>(em, {
        entity: Organisation,
        table,
        scope: sql`t.kind = any(${kinds})`,
        predicates: { ...recordPredicates(checkIds), kind: (values: PartyKind[]) => sql`t.kind = any(${values})` },
        nameColumn: 'name',
        order: { NAME: textKey('name'), KIND: [{ sql: raw('t.kind') }], UPDATED_AT: UPDATED_AT_KEY },
      }),
  };
}
type OrganisationContext = Context<ReturnType<typeof organisationLoaders>>;

/** `__resolveReference` of a party type stored as an organisation: an id of another kind is null, as in `Query`. */
export async function resolveOrganisation(ref: { id: string; __typename?: string }, { loaders }: OrganisationContext) {
  const organisation = await loaders.organisationById.load(ref.id);
  return organisation && PARTY_TYPES[organisation.kind].type === ref.__typename ? organisation : null;
}

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
      ...provenanceOf(data, party, at, ORGANISATION_FIELDS),
    }));
  if (rows.length > 0) await em.upsertMany(Organisation, rows);
}

/**
 * `Query.<single>(id)` and `Query.<plural>(filter, orderBy, first, after, …)` for a party type stored as
 * organisations of the given kinds; an id of another kind is null, like an unknown one.
 */
export function organisationQueries(type: Function & { prototype: object }, options: { typeName: string; kinds: PartyKind[]; single: string; plural: string; what: string }) {
  const Connection = connectionType(type as never, options.typeName, options.what);

  @Resolver(() => type)
  class OrganisationQueries {
    @Query(() => type, { name: options.single, nullable: true, description: `One ${options.what} by id; null when there is none with that id.` })
    async single(@Arg('id', () => ID) id: string, @Ctx() { loaders }: OrganisationContext) {
      const organisation = await loaders.organisationById.load(id);
      return organisation && options.kinds.includes(organisation.kind) ? organisation : null;
    }

    @Query(() => Connection, { name: options.plural, nullable: true, description: `The ${options.what}s, filtered and searched, a page at a time (by id unless \`orderBy\` or a search says otherwise). ${NULL_WHEN_UNANSWERED}` })
    plural(
      @Arg('filter', () => PartyFilter, { nullable: true }) filter: PartyFilter | null,
      @Arg('orderBy', () => [PartyOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
      @Args() page: PageArgs,
      @Ctx() { loaders }: OrganisationContext,
    ) {
      return loaders.organisations(options.kinds).connection({ filter, orderBy, page });
    }
  }
  return OrganisationQueries;
}
