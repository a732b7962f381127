import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { CompetenceContext } from '../context';
import { CompetenceCentreConnection, CompetenceCentreFilter, CompetenceCentreOrder } from '../centre/centre.list';
import { LabelDecision } from './decision.entity';
import { LabelDecisionType, PublicAuthorityRef } from './decision.type';
import { LabelType } from './label.type';

@Resolver(() => LabelDecisionType)
export class LabelDecisionResolver {
  @Query(() => [LabelDecisionType], { nullable: true, description: `The decisions that (re)labelled the competence centres, the latest first. ${NULL_WHEN_UNANSWERED}` })
  labelDecisions(@Ctx() { em }: CompetenceContext) {
    return em.find(LabelDecision, {}, { orderBy: { decidedOn: 'desc nulls last', certificatesHandedOverOn: 'desc nulls last' } });
  }

  @FieldResolver(() => [AuditEntry], { description: 'Every change made to this decision through the hub, oldest first; empty when none.' })
  history(@Root() decision: LabelDecision, @Ctx() { loaders }: CompetenceContext) {
    return loaders.decisionHistory.load(decision.id);
  }

  @FieldResolver(() => PublicAuthorityRef, { nullable: true, description: 'The public authority that decided; null when the sources do not say, or (with an error at this path) when the conventions subgraph, which owns public authorities, is unavailable.' })
  decidedBy(@Root() decision: LabelDecision) {
    return decision.decidedById ? { id: decision.decidedById } : null;
  }

  @FieldResolver(() => CompetenceCentreConnection, { description: 'The centres whose current label this decision granted.' })
  centres(
    @Root() decision: LabelDecision,
    @Arg('filter', () => CompetenceCentreFilter, { nullable: true }) filter: CompetenceCentreFilter | null,
    @Arg('orderBy', () => [CompetenceCentreOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: CompetenceContext,
  ) {
    return loaders.centresByDecision(decision.id, { filter, orderBy, page });
  }
}

@Resolver(() => LabelType)
export class LabelResolver {
  @FieldResolver(() => LabelDecisionType, { nullable: true, description: 'The decision that granted this label; null when the sources do not tie it to one.' })
  decision(@Root() label: LabelType, @Ctx() { loaders }: CompetenceContext) {
    return label.decisionId ? loaders.decisionById.load(label.decisionId) : null;
  }
}
