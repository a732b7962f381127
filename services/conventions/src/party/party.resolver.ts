import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation, organisationQueries, PartyKind } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { AgreementFilter, applyFilter, ConventionFilter } from '../filters';
import { FrameworkAgreementType } from '../agreement/agreement.type';
import { SpecificConventionType } from '../convention/convention.type';
import { SectorType } from '../sector/sector.type';
import { PARTY_TYPES_HERE, PublicAuthorityType, SectorBodyType } from './party.type';

/** The reverse links of one party type: what it signed and what it is party to. */
function partyLinksResolver(partyType: (typeof PARTY_TYPES_HERE)[number]) {
  @Resolver(() => partyType)
  class PartyLinksResolver {
    @FieldResolver(() => [SpecificConventionType], { description: 'Specific conventions this body is party to (resolved by the conventions subgraph).' })
    async conventions(@Root() party: { id: string }, @Args() filter: ConventionFilter, @Ctx() { loaders }: ConventionsContext) {
      const links = await loaders.conventionsByParty.load(party.id);
      return applyFilter(links.map((link) => link.convention), filter);
    }

    @FieldResolver(() => [FrameworkAgreementType], { description: 'Framework agreements this body signed (resolved by the conventions subgraph).' })
    async frameworkAgreements(@Root() party: { id: string }, @Args() filter: AgreementFilter, @Ctx() { loaders }: ConventionsContext) {
      const links = await loaders.agreementsBySignatory.load(party.id);
      return applyFilter(links.map((link) => link.agreement), filter);
    }
  }
  return PartyLinksResolver;
}

export const partyLinksResolvers: Function[] = PARTY_TYPES_HERE.map(partyLinksResolver);

export const publicAuthorityQueries = organisationQueries(PublicAuthorityType, {
  kinds: [PartyKind.GOVERNMENT],
  single: 'publicAuthority',
  plural: 'publicAuthorities',
  what: 'government or public authority that signs agreements',
});

export const sectorBodyQueries = organisationQueries(SectorBodyType, {
  kinds: [PartyKind.SECTOR_FUND, PartyKind.SECTOR_FEDERATION],
  single: 'sectorBody',
  plural: 'sectorBodies',
  what: 'sector training fund or employers federation',
});

@Resolver(() => SectorBodyType)
export class SectorBodyResolver {
  @FieldResolver(() => [SectorType], { description: 'The sectors this body is the fund or federation of.' })
  sectors(@Root() body: Organisation, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByBody.load(body.id);
  }
}
