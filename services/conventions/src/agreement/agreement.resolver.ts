import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Party } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { AgreementFilter, applyFilter, ConventionFilter } from '../filters';
import { SectorType } from '../sector/sector.type';
import { SpecificConventionType } from '../convention/convention.type';
import { FrameworkAgreement } from './agreement.entity';
import { FrameworkAgreementType } from './agreement.type';

@Resolver(() => FrameworkAgreementType)
export class AgreementResolver {
  @Query(() => FrameworkAgreementType, { nullable: true, description: 'A framework agreement by id; null when there is none with that id.' })
  frameworkAgreement(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ConventionsContext) {
    return loaders.agreementById.load(id);
  }

  @Query(() => [FrameworkAgreementType], { description: 'Framework agreements (accords-cadres), by id.' })
  async frameworkAgreements(@Args() filter: AgreementFilter, @Ctx() { em }: ConventionsContext) {
    return applyFilter(await em.find(FrameworkAgreement, {}, { orderBy: { id: 'asc' } }), filter);
  }

  @FieldResolver(() => [SectorType], { description: 'The sectors the agreement covers.' })
  sectors(@Root() agreement: FrameworkAgreement, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByAgreement.load(agreement.id);
  }

  @FieldResolver(() => [Party], { description: 'Who signed it (governments, sector bodies), whichever subgraph owns them.' })
  async signatories(@Root() agreement: FrameworkAgreement, @Ctx() { loaders }: ConventionsContext) {
    const rows = await loaders.signatoriesByAgreement.load(agreement.id);
    return rows.map((row) => row.party);
  }

  @FieldResolver(() => [SpecificConventionType], { description: 'The specific conventions that carry out this agreement.' })
  async conventions(@Root() agreement: FrameworkAgreement, @Args() filter: ConventionFilter, @Ctx() { loaders }: ConventionsContext) {
    return applyFilter(await loaders.conventionsByAgreement.load(agreement.id), filter);
  }
}
