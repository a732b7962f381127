import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, SectorReference, type ListArgs } from '@hub/kit';
import type { EducationContext } from '../context';
import { SfmqProfile } from './profile.entity';
import { SfmqProfileConnection, SfmqProfileFilter, SfmqProfileOrder } from './profile.list';
import { SfmqProfileType } from './profile.type';

@Resolver(() => SfmqProfileType)
export class SfmqProfileResolver {
  @Query(() => SfmqProfileType, { nullable: true, description: 'An SFMQ profile (or FWB certification profile) by id; null when there is none with that id.' })
  sfmqProfile(@Arg('id', () => ID) id: string, @Ctx() { loaders }: EducationContext) {
    return loaders.sfmqProfileById.load(id);
  }

  @Query(() => SfmqProfileConnection, { nullable: true, description: `The SFMQ profiles (profils métier, profils de formation) and FWB certification profiles, filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  sfmqProfiles(
    @Arg('filter', () => SfmqProfileFilter, { nullable: true }) filter: SfmqProfileFilter | null,
    @Arg('orderBy', () => [SfmqProfileOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sfmqProfiles().connection({ filter, orderBy, page });
  }

  @FieldResolver(() => [SectorReference], { nullable: 'items', description: 'The sectors of the profile; empty when no source (nor a mapping of ours, then listed in `unverifiedFields`) gives one. A sector is null, with an error at its path, when the conventions subgraph is unavailable.' })
  async sectors(@Root() profile: SfmqProfile, @Ctx() { loaders }: EducationContext) {
    const links = await loaders.sectorIdsByProfile.load(profile.id);
    return links.map((link) => ({ id: link.sectorId }));
  }
}

@Resolver(() => SectorReference)
export class SfmqProfilesOfSectorResolver {
  @FieldResolver(() => SfmqProfileConnection, { nullable: true, description: 'SFMQ and certification profiles of this sector or one of its sub-sectors (resolved by the education subgraph); null, with an error at this path, when the education subgraph is unavailable or refuses the arguments.' })
  sfmqProfiles(
    @Root() sector: SectorReference,
    @Arg('filter', () => SfmqProfileFilter, { nullable: true }) filter: SfmqProfileFilter | null,
    @Arg('orderBy', () => [SfmqProfileOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sfmqProfilesBySector(sector.id, { filter, orderBy, page });
  }
}
