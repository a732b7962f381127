import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Party } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { applyFilter, ConventionFilter } from '../filters';
import { FrameworkAgreementType } from '../agreement/agreement.type';
import { SectorType } from '../sector/sector.type';
import { Objective, SpecificConvention } from './convention.entity';
import { ObjectiveType, SpecificConventionType } from './convention.type';

@Resolver(() => SpecificConventionType)
export class ConventionResolver {
  @Query(() => SpecificConventionType, { nullable: true, description: 'A specific convention by id; null when there is none with that id.' })
  convention(@Arg('id', () => ID) id: string, @Ctx() { em }: ConventionsContext) {
    return em.findOne(SpecificConvention, { id });
  }

  @Query(() => [SpecificConventionType], { description: 'Specific conventions (conventions spécifiques), by id.' })
  async conventions(@Args() filter: ConventionFilter, @Ctx() { em }: ConventionsContext) {
    return applyFilter(await em.find(SpecificConvention, {}, { orderBy: { id: 'asc' } }), filter);
  }

  @Query(() => [ObjectiveType], { name: 'objectives', description: 'The 8 objectives education conventions may pursue, OBJ1 to OBJ8.' })
  allObjectives(@Ctx() { em }: ConventionsContext) {
    return em.find(Objective, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => FrameworkAgreementType, { nullable: true, description: 'The framework agreement it carries out; null when the source does not tie it to one.' })
  frameworkAgreement(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return convention.frameworkAgreement ? loaders.agreementById.load(convention.frameworkAgreement.id) : null;
  }

  @FieldResolver(() => [SectorType], {
    description: "The sectors it concerns: its framework agreement's, and those whose fund or federation is a party.",
  })
  sectors(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByConvention.load(convention.id);
  }

  @FieldResolver(() => [Party], { description: 'The parties, whichever subgraph owns them; ask `__typename` and use fragments for their own fields.' })
  async parties(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    const rows = await loaders.partiesByConvention.load(convention.id);
    return rows.map((row) => row.party);
  }

  @FieldResolver(() => [ObjectiveType], { description: 'The objectives it pursues (education conventions); empty when none are stated.' })
  objectives(@Root() convention: SpecificConvention, @Ctx() { loaders }: ConventionsContext) {
    return loaders.objectivesByConvention.load(convention.id);
  }
}
