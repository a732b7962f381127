import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, SectorReference, type ListArgs } from '@hub/kit';
import type { EducationContext } from '../context';
import { SectorBodyReference, SpecificConventionReference } from '../foreign.type';
import { SectorTest } from './sector-test.entity';
import { SectorTestConnection, SectorTestFilter, SectorTestOrder } from './sector-test.list';
import { SectorTestType } from './sector-test.type';

@Resolver(() => SectorTestType)
export class SectorTestResolver {
  @Query(() => SectorTestType, { nullable: true, description: 'A sector test (épreuve sectorielle) by id; null when there is none with that id.' })
  sectorTest(@Arg('id', () => ID) id: string, @Ctx() { loaders }: EducationContext) {
    return loaders.sectorTestById.load(id);
  }

  @Query(() => SectorTestConnection, { nullable: true, description: `The sector tests (épreuves sectorielles), filtered and searched, a page at a time (by id unless \`orderBy\` or a search says otherwise). ${NULL_WHEN_UNANSWERED}` })
  sectorTests(
    @Arg('filter', () => SectorTestFilter, { nullable: true }) filter: SectorTestFilter | null,
    @Arg('orderBy', () => [SectorTestOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sectorTests().connection({ filter, orderBy, page });
  }

  @FieldResolver(() => SectorBodyReference, { nullable: true, description: 'The sector fund that organises the test (resolved by the conventions subgraph); null, with an error at this path, when that subgraph is unavailable.' })
  organiser(@Root() test: SectorTest) {
    return { id: test.organiser };
  }

  @FieldResolver(() => [SectorReference], { nullable: 'items', description: 'The sectors the test is for. A sector is null, with an error at its path, when the conventions subgraph, which owns sectors, is unavailable.' })
  async sectors(@Root() test: SectorTest, @Ctx() { loaders }: EducationContext) {
    const links = await loaders.sectorIdsByTest.load(test.id);
    return links.map((link) => ({ id: link.sectorId }));
  }

  @FieldResolver(() => SpecificConventionReference, { nullable: true, description: 'The specific convention the test is carried out under (resolved by the conventions subgraph); null when no source ties it to one, or, with an error at this path, when that subgraph is unavailable.' })
  convention(@Root() test: SectorTest) {
    return test.convention === null ? null : { id: test.convention };
  }
}

const NESTED_ARGUMENTS = 'null, with an error at this path, when the education subgraph is unavailable or refuses the arguments.';

@Resolver(() => SectorReference)
export class SectorTestsOfSectorResolver {
  @FieldResolver(() => SectorTestConnection, { nullable: true, description: `Sector tests (épreuves sectorielles) for this sector or one of its sub-sectors (resolved by the education subgraph); ${NESTED_ARGUMENTS}` })
  sectorTests(
    @Root() sector: SectorReference,
    @Arg('filter', () => SectorTestFilter, { nullable: true }) filter: SectorTestFilter | null,
    @Arg('orderBy', () => [SectorTestOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sectorTestsBySector(sector.id, { filter, orderBy, page });
  }
}

@Resolver(() => SectorBodyReference)
export class SectorTestsOfOrganiserResolver {
  @FieldResolver(() => SectorTestConnection, { nullable: true, description: `The sector tests this sector fund organises (resolved by the education subgraph); empty for a body that organises none; ${NESTED_ARGUMENTS}` })
  sectorTests(
    @Root() body: SectorBodyReference,
    @Arg('filter', () => SectorTestFilter, { nullable: true }) filter: SectorTestFilter | null,
    @Arg('orderBy', () => [SectorTestOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sectorTestsByOrganiser(body.id, { filter, orderBy, page });
  }
}
