import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { Party } from '../party/party.type';
import { SectorType } from '../sector/sector.type';
import { SpecificConventionConnection, SpecificConventionFilter, SpecificConventionOrder } from '../convention/convention.list';
import { FrameworkAgreement } from './agreement.entity';
import { FrameworkAgreementConnection, FrameworkAgreementFilter, FrameworkAgreementOrder } from './agreement.list';
import { FrameworkAgreementType } from './agreement.type';

@Resolver(() => FrameworkAgreementType)
export class AgreementResolver {
  @Query(() => FrameworkAgreementType, { nullable: true, description: 'A framework agreement by id; null when there is none with that id.' })
  frameworkAgreement(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ConventionsContext) {
    return loaders.agreementById.load(id);
  }

  @Query(() => FrameworkAgreementConnection, { nullable: true, description: `Framework agreements (accords-cadres), filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  frameworkAgreements(
    @Arg('filter', () => FrameworkAgreementFilter, { nullable: true }) filter: FrameworkAgreementFilter | null,
    @Arg('orderBy', () => [FrameworkAgreementOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.lists.agreements().connection({ filter, orderBy, page });
  }

  @FieldResolver(() => [AuditEntry], { description: 'Every change made to this agreement through the hub, oldest first; empty when none.' })
  history(@Root() agreement: FrameworkAgreement, @Ctx() { loaders }: ConventionsContext) {
    return loaders.agreementHistory.load(agreement.id);
  }

  @FieldResolver(() => [SectorType], { description: 'The sectors the agreement covers.' })
  sectors(@Root() agreement: FrameworkAgreement, @Ctx() { loaders }: ConventionsContext) {
    return loaders.sectorsByAgreement.load(agreement.id);
  }

  @FieldResolver(() => [Party], { nullable: 'items', description: 'Who signed it (governments, sector bodies), whichever subgraph owns them. A signatory is null, with an error at its path, when the subgraph that owns it is unavailable.' })
  async signatories(@Root() agreement: FrameworkAgreement, @Ctx() { loaders }: ConventionsContext) {
    const rows = await loaders.signatoriesByAgreement.load(agreement.id);
    return rows.map((row) => row.party);
  }

  @FieldResolver(() => SpecificConventionConnection, { description: 'The specific conventions that carry out this agreement.' })
  conventions(
    @Root() agreement: FrameworkAgreement,
    @Arg('filter', () => SpecificConventionFilter, { nullable: true }) filter: SpecificConventionFilter | null,
    @Arg('orderBy', () => [SpecificConventionOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.conventionsByAgreement(agreement.id, { filter, orderBy, page });
  }
}
