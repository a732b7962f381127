import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Organisation, PartyKind } from '@hub/kit';
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

@Resolver(() => SectorBodyType)
export class SectorBodyResolver {
  @Query(() => [SectorBodyType], { description: 'Sector training funds and employers federations, by id.' })
  sectorBodies(@Ctx() { em }: ConventionsContext) {
    return em.find(Organisation, { kind: { $in: [PartyKind.SECTOR_FUND, PartyKind.SECTOR_FEDERATION] } }, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => [SectorType], { description: 'The sectors this body is the fund or federation of.' })
  sectors(@Root() body: Organisation, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByBody.load(body.id);
  }
}

@Resolver(() => PublicAuthorityType)
export class PublicAuthorityResolver {
  @Query(() => [PublicAuthorityType], { description: 'Governments and public authorities that sign agreements, by id.' })
  publicAuthorities(@Ctx() { em }: ConventionsContext) {
    return em.find(Organisation, { kind: PartyKind.GOVERNMENT }, { orderBy: { id: 'asc' } });
  }
}
