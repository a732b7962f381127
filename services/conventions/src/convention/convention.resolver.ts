import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FrameworkAgreementType } from '../agreement/agreement.type';
import { Party } from '../party/party.type';
import { SectorType } from '../sector/sector.type';
import { Objective, SpecificConvention } from './convention.entity';
import { SpecificConventionConnection, SpecificConventionFilter, SpecificConventionOrder } from './convention.list';
import { ObjectiveType, SpecificConventionType } from './convention.type';

@Resolver(() => SpecificConventionType)
export class ConventionResolver {
  @Query(() => SpecificConventionType, { nullable: true, description: 'A specific convention by id; null when there is none with that id.' })
  convention(@Arg('id', () => ID) id: string, @Ctx() { em }: ConventionsContext) {
    return em.findOne(SpecificConvention, { id });
  }

  @Query(() => SpecificConventionConnection, { nullable: true, description: `Specific conventions (conventions spécifiques), filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  conventions(
    @Arg('filter', () => SpecificConventionFilter, { nullable: true }) filter: SpecificConventionFilter | null,
    @Arg('orderBy', () => [SpecificConventionOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.lists.conventions().connection({ filter, orderBy, page });
  }

  @Query(() => [ObjectiveType], { name: 'objectives', nullable: true, description: `The 8 objectives education conventions may pursue, OBJ1 to OBJ8. ${NULL_WHEN_UNANSWERED}` })
  allObjectives(@Ctx() { em }: ConventionsContext) {
    return em.find(Objective, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => FrameworkAgreementType, { nullable: true, description: 'The framework agreement it carries out; null when the source does not tie it to one.' })
  frameworkAgreement(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return convention.frameworkAgreement ? loaders.agreementById.load(convention.frameworkAgreement.id) : null;
  }

  @FieldResolver(() => [AuditEntry], { description: 'Every change made to this convention through the hub, oldest first; empty when none.' })
  history(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return loaders.conventionHistory.load(convention.id);
  }

  @FieldResolver(() => [SectorType], { description: 'The sectors it concerns, as the sources name them.' })
  sectors(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByConvention.load(convention.id);
  }

  @FieldResolver(() => [Party], { nullable: 'items', description: 'The parties, whichever subgraph owns them; ask `__typename` and use fragments for their own fields. A party is null, with an error at its path, when the subgraph that owns it is unavailable.' })
  async parties(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    const rows = await loaders.partiesByConvention.load(convention.id);
    return rows.map((row) => row.party);
  }

  @FieldResolver(() => [ObjectiveType], { description: 'The objectives it pursues (education conventions); empty when none are stated.' })
  objectives(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return loaders.objectivesByConvention.load(convention.id);
  }
}
