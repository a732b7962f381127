import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ConventionsContext } from '../context';
import { AgreementFilter, applyFilter, ConventionFilter } from '../filters';
import { FrameworkAgreementType } from '../agreement/agreement.type';
import { SpecificConventionType } from '../convention/convention.type';
import { SectorBodyType } from '../party/party.type';
import { Sector } from './sector.entity';
import { SectorType } from './sector.type';

@Resolver(() => SectorType)
export class SectorResolver {
  @Query(() => SectorType, { nullable: true, description: 'A sector or sub-sector by id; null when there is none with that id.' })
  sector(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorById.load(id);
  }

  @Query(() => [SectorType], { description: 'The professional sectors (not their sub-sectors: ask `subSectors`), by id.' })
  sectors(
    @Arg('verifiedOnly', { defaultValue: false, description: 'Only sectors backed by a public source.' }) verifiedOnly: boolean,
    @Ctx() { em }: ConventionsContext,
  ) {
    return em.find(Sector, { parent: null, ...(verifiedOnly ? { verified: true } : {}) }, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => SectorType, { nullable: true, description: 'The sector this one is a sub-sector of; null for a sector.' })
  parent(@Root() sector: Sector, @Ctx() { loaders }: ConventionsContext) {
    return sector.parent ? loaders.sectorById.load(sector.parent.id) : null;
  }

  @FieldResolver(() => [SectorType], { description: 'Sub-sectors (sous-secteurs); empty when none are known.' })
  subSectors(@Root() sector: Sector, @Ctx() { loaders }: ConventionsContext) {
    return loaders.subSectorsByParent.load(sector.id);
  }

  @FieldResolver(() => SectorBodyType, { nullable: true, description: 'The sector training fund (fonds sectoriel); null when unknown.' })
  sectorFund(@Root() sector: Sector, @Ctx() { loaders }: ConventionsContext) {
    return sector.sectorFund ? loaders.organisationById.load(sector.sectorFund.id) : null;
  }

  @FieldResolver(() => SectorBodyType, { nullable: true, description: 'The employers federation of the sector; null when unknown.' })
  federation(@Root() sector: Sector, @Ctx() { loaders }: ConventionsContext) {
    return sector.federation ? loaders.organisationById.load(sector.federation.id) : null;
  }

  @FieldResolver(() => [FrameworkAgreementType], { description: 'Framework agreements (accords-cadres) covering this sector.' })
  async frameworkAgreements(@Root() sector: Sector, @Args() filter: AgreementFilter, @Ctx() { loaders }: ConventionsContext) {
    return applyFilter(await loaders.agreementsBySector.load(sector.id), filter);
  }

  @FieldResolver(() => [SpecificConventionType], { description: 'Specific conventions this sector is party to.' })
  async conventions(@Root() sector: Sector, @Args() filter: ConventionFilter, @Ctx() { loaders }: ConventionsContext) {
    return applyFilter(await loaders.conventionsBySector.load(sector.id), filter);
  }
}
