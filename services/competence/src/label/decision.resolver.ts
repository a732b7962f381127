import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { CompetenceContext } from '../context';
import { CompetenceCentreType } from '../centre/centre.type';
import { LabelDecision } from './decision.entity';
import { LabelDecisionType, PublicAuthorityRef } from './decision.type';
import { LabelType } from './label.type';

@Resolver(() => LabelDecisionType)
export class LabelDecisionResolver {
  @Query(() => [LabelDecisionType], { description: 'The decisions that (re)labelled the competence centres, the latest first.' })
  labelDecisions(@Ctx() { em }: CompetenceContext) {
    return em.find(LabelDecision, {}, { orderBy: { decidedOn: 'desc nulls last', certificatesHandedOverOn: 'desc nulls last' } });
  }

  @FieldResolver(() => PublicAuthorityRef, { nullable: true, description: 'The public authority that decided; null when the sources do not say.' })
  decidedBy(@Root() decision: LabelDecision) {
    return decision.decidedById ? { id: decision.decidedById } : null;
  }

  @FieldResolver(() => [CompetenceCentreType], { description: 'The centres whose current label this decision granted.' })
  centres(@Root() decision: LabelDecision, @Ctx() { loaders }: CompetenceContext) {
    return loaders.centresByDecision.load(decision.id);
  }
}

@Resolver(() => LabelType)
export class LabelResolver {
  @FieldResolver(() => LabelDecisionType, { nullable: true, description: 'The decision that granted this label; null when the sources do not tie it to one.' })
  decision(@Root() label: LabelType, @Ctx() { loaders }: CompetenceContext) {
    return label.decisionId ? loaders.decisionById.load(label.decisionId) : null;
  }
}
