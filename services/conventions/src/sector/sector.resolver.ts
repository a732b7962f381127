import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FrameworkAgreementConnection, FrameworkAgreementFilter, FrameworkAgreementOrder } from '../agreement/agreement.list';
import { SpecificConventionConnection, SpecificConventionFilter, SpecificConventionOrder } from '../convention/convention.list';
import { SectorBodyType } from '../party/party.type';
import { Sector } from './sector.entity';
import { SectorConnection, SectorFilter, SectorOrder } from './sector.list';
import { SectorType } from './sector.type';

@Resolver(() => SectorType)
export class SectorResolver {
  @Query(() => SectorType, { nullable: true, description: 'A sector or sub-sector by id; null when there is none with that id.' })
  sector(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorById.load(id);
  }

  @Query(() => SectorConnection, { nullable: true, description: `The professional sectors, filtered and searched, a page at a time (sub-sectors only with \`includeSubSectors\`). ${NULL_WHEN_UNANSWERED}` })
  sectors(
    @Arg('filter', () => SectorFilter, { nullable: true }) filter: SectorFilter | null,
    @Arg('orderBy', () => [SectorOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Arg('includeSubSectors', { defaultValue: false, description: 'List the sub-sectors too (each with its `parent`).' }) includeSubSectors: boolean,
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.lists.sectors(includeSubSectors).connection({ filter, orderBy, page });
  }

  @FieldResolver(() => [AuditEntry], { description: 'Every change made to this sector through the hub, oldest first (with who, when, before and after); empty when none.' })
  history(@Root() sector: Sector, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorHistory.load(sector.id);
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

  @FieldResolver(() => FrameworkAgreementConnection, { description: 'Framework agreements (accords-cadres) covering this sector or one of its sub-sectors.' })
  frameworkAgreements(
    @Root() sector: Sector,
    @Arg('filter', () => FrameworkAgreementFilter, { nullable: true }) filter: FrameworkAgreementFilter | null,
    @Arg('orderBy', () => [FrameworkAgreementOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.agreementsBySector(sector.id, { filter, orderBy, page });
  }

  @FieldResolver(() => SpecificConventionConnection, { description: 'Specific conventions concerning this sector or one of its sub-sectors.' })
  conventions(
    @Root() sector: Sector,
    @Arg('filter', () => SpecificConventionFilter, { nullable: true }) filter: SpecificConventionFilter | null,
    @Arg('orderBy', () => [SpecificConventionOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.conventionsBySector(sector.id, { filter, orderBy, page });
  }
}
