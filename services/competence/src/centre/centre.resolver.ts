import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { CompetenceContext } from '../context';
import { LabelCriterion, TraineePublic } from '../label/label.entity';
import { LabelCriterionType, LabelType, TraineePublicType } from '../label/label.type';
import { SectorType } from '../sector/sector.type';
import { CompetenceCentre } from './centre.entity';
import { applyCentreFilter, CentreFilter } from './centre.filter';
import { CompetenceCentreType } from './centre.type';

@Resolver(() => CompetenceCentreType)
export class CentreResolver {
  @Query(() => CompetenceCentreType, { nullable: true, description: 'A competence centre by id; null when there is none with that id.' })
  competenceCentre(@Arg('id', () => ID) id: string, @Ctx() { loaders }: CompetenceContext) {
    return loaders.centreById.load(id);
  }

  @Query(() => [CompetenceCentreType], { description: 'The labelled competence centres, by id.' })
  async competenceCentres(@Args() filter: CentreFilter, @Ctx() { em }: CompetenceContext) {
    return applyCentreFilter(await em.find(CompetenceCentre, {}, { orderBy: { id: 'asc' } }), filter);
  }

  @Query(() => [LabelCriterionType], { description: 'The 4 criteria a centre must meet to hold the label, C1 to C4.' })
  labelCriteria(@Ctx() { em }: CompetenceContext) {
    return em.find(LabelCriterion, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => [TraineePublicType], { description: 'The publics the competence centres train, with yearly figures where published.' })
  traineePublics(@Ctx() { em }: CompetenceContext) {
    return em.find(TraineePublic, {}, { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => [SectorType], { description: 'The professional sectors the centre serves (those the hub knows as sectors; see `scope` for the wording of the sources).' })
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

@Resolver(() => SectorType)
export class SectorCentresResolver {
  @FieldResolver(() => [CompetenceCentreType], { description: 'Competence centres serving this sector (resolved by the competence subgraph).' })
  async competenceCentres(@Root() sector: SectorType, @Args() filter: CentreFilter, @Ctx() { loaders }: CompetenceContext) {
    const links = await loaders.centresBySector.load(sector.id);
    return applyCentreFilter(links.map((link) => link.centre), filter);
  }
}
