import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, SectorReference, type ListArgs } from '@hub/kit';
import type { CompetenceContext } from '../context';
import { LabelCriterion, TraineePublic } from '../label/label.entity';
import { LabelCriterionType, LabelType, TraineePublicType } from '../label/label.type';
import { CompetenceCentre } from './centre.entity';
import { CompetenceCentreConnection, CompetenceCentreFilter, CompetenceCentreOrder } from './centre.list';
import { CompetenceCentreType } from './centre.type';

@Resolver(() => CompetenceCentreType)
export class CentreResolver {
  @Query(() => CompetenceCentreType, { nullable: true, description: 'A competence centre by id; null when there is none with that id.' })
  competenceCentre(@Arg('id', () => ID) id: string, @Ctx() { loaders }: CompetenceContext) {
    return loaders.centreById.load(id);
  }

  @Query(() => CompetenceCentreConnection, { nullable: true, description: `The labelled competence centres, filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  competenceCentres(
    @Arg('filter', () => CompetenceCentreFilter, { nullable: true }) filter: CompetenceCentreFilter | null,
    @Arg('orderBy', () => [CompetenceCentreOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: CompetenceContext,
  ) {
    return loaders.centres().connection({ filter, orderBy, page });
  }

  @Query(() => [LabelCriterionType], { nullable: true, description: `The 4 criteria a centre must meet to hold the label, C1 to C4. ${NULL_WHEN_UNANSWERED}` })
  labelCriteria(@Ctx() { em }: CompetenceContext) {
    return em.find(LabelCriterion, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => [TraineePublicType], { nullable: true, description: `The publics the competence centres train, with yearly figures where published. ${NULL_WHEN_UNANSWERED}` })
  traineePublics(@Ctx() { em }: CompetenceContext) {
    return em.find(TraineePublic, {}, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => [SectorReference], { nullable: 'items', description: 'The professional sectors the centre serves (see `scope` for the wording of the sources). A sector is null, with an error at its path, when the conventions subgraph, which owns sectors, is unavailable.' })
  async sectors(@Root() centre: CompetenceCentre, @Ctx() { loaders }: CompetenceContext) {
    const links = await loaders.sectorIdsByCentre.load(centre.id);
    return links.map((link) => ({ id: link.sectorId }));
  }

  @FieldResolver(() => LabelType, { description: 'The label the centre holds, as last decided.' })
  label(@Root() centre: CompetenceCentre): LabelType {
    return { ...centre.label, decisionId: centre.labelDecision?.id ?? null };
  }

  @FieldResolver(() => [TraineePublicType], { nullable: true, description: 'The publics this centre is known to serve; null when the sources do not say (see `traineePublics` for the network as a whole).' })
  async publics(@Root() centre: CompetenceCentre, @Ctx() { loaders }: CompetenceContext) {
    const publics = await loaders.publicsByCentre.load(centre.id);
    return publics.length > 0 ? publics : null;
  }
}

@Resolver(() => SectorReference)
export class SectorCentresResolver {
  @FieldResolver(() => CompetenceCentreConnection, { nullable: true, description: 'Competence centres serving this sector or one of its sub-sectors (resolved by the competence subgraph); null, with an error at this path, when the competence subgraph is unavailable or refuses the arguments.' })
  competenceCentres(
    @Root() sector: SectorReference,
    @Arg('filter', () => CompetenceCentreFilter, { nullable: true }) filter: CompetenceCentreFilter | null,
    @Arg('orderBy', () => [CompetenceCentreOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: CompetenceContext,
  ) {
    return loaders.centresBySector(sector.id, { filter, orderBy, page });
  }
}
