import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { namedLocally, ORDER_BY_DESCRIPTION, Organisation, organisationResolvers, PageArgs, PartyKind, sql, type ListArgs, type OrganisationOptions } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FrameworkAgreementConnection, FrameworkAgreementFilter, FrameworkAgreementOrder } from '../agreement/agreement.list';
import { SpecificConventionConnection, SpecificConventionFilter, SpecificConventionOrder } from '../convention/convention.list';
import { SectorType } from '../sector/sector.type';
import { PARTY_TYPES_HERE, PublicAuthorityType, SectorBodyType } from './party.type';

/** The reverse links of one party type: what it signed and what it is party to. */
function partyLinksResolver(partyType: (typeof PARTY_TYPES_HERE)[number]) {
  @Resolver(() => partyType)
  class PartyLinksResolver {
    @FieldResolver(() => SpecificConventionConnection, { nullable: true, description: 'Specific conventions this body is party to (resolved by the conventions subgraph); null, with an error at this path, when the conventions subgraph is unavailable or refuses the arguments.' })
    conventions(
      @Root() party: { id: string },
      @Arg('filter', () => SpecificConventionFilter, { nullable: true }) filter: SpecificConventionFilter | null,
      @Arg('orderBy', () => [SpecificConventionOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
      @Args() page: PageArgs,
      @Ctx() { loaders }: ConventionsContext,
    ) {
      return loaders.conventionsByParty(party.id, { filter, orderBy, page });
    }

    @FieldResolver(() => FrameworkAgreementConnection, { nullable: true, description: 'Framework agreements this body signed (resolved by the conventions subgraph); null, with an error at this path, when the conventions subgraph is unavailable or refuses the arguments.' })
    frameworkAgreements(
      @Root() party: { id: string },
      @Arg('filter', () => FrameworkAgreementFilter, { nullable: true }) filter: FrameworkAgreementFilter | null,
      @Arg('orderBy', () => [FrameworkAgreementOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
      @Args() page: PageArgs,
      @Ctx() { loaders }: ConventionsContext,
    ) {
      return loaders.agreementsBySignatory(party.id, { filter, orderBy, page });
    }
  }
  return PartyLinksResolver;
}

export const partyLinksResolvers: Function[] = PARTY_TYPES_HERE.map(partyLinksResolver);

export const PUBLIC_AUTHORITIES: OrganisationOptions = {
  typeName: 'PublicAuthority',
  kinds: [PartyKind.GOVERNMENT],
  single: 'publicAuthority',
  plural: 'publicAuthorities',
  what: 'government or public authority that signs agreements',
};
export const publicAuthorityResolvers = organisationResolvers(PublicAuthorityType, PUBLIC_AUTHORITIES);

export const SECTOR_BODIES: OrganisationOptions = {
  typeName: 'SectorBody',
  kinds: [PartyKind.SECTOR_FUND, PartyKind.SECTOR_FEDERATION],
  single: 'sectorBody',
  plural: 'sectorBodies',
  what: 'sector training fund or employers federation',
  namedBy: (body, em) => namedLocally(em, 'Sector', sql`select id from conventions.sector where deleted_at is null and (sector_fund_id = ${body.id} or federation_id = ${body.id})`),
};
export const sectorBodyResolvers = organisationResolvers(SectorBodyType, SECTOR_BODIES);

@Resolver(() => SectorBodyType)
export class SectorBodyResolver {
  @FieldResolver(() => [SectorType], { description: 'The sectors this body is the fund or federation of.' })
  sectors(@Root() body: Organisation, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByBody.load(body.id);
  }
}
