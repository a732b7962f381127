import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, raw, type Grouping } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FrameworkAgreementFilter } from '../agreement/agreement.list';
import { SpecificConventionFilter } from '../convention/convention.list';
import { SectorType } from '../sector/sector.type';
import { AgreementCount, AgreementCountKey, AgreementGrouping, ConventionCount, ConventionCountKey, ConventionGrouping } from './counts.type';

const YEAR_SIGNED: Grouping = { key: 'yearSigned', select: raw('substr(t.signed_on, 1, 4)::int') };

export const CONVENTION_GROUPINGS: Record<ConventionGrouping, Grouping> = {
  SECTOR: { key: 'sector', select: raw('g_sector.sector_id'), join: raw('left join conventions.convention_sector g_sector on g_sector.convention_id = t.id') },
  KIND: { key: 'kind', select: raw('t.kind') },
  YEAR_SIGNED,
  // several parties of one kind count the convention once under that kind
  PARTY_KIND: {
    key: 'partyKind',
    select: raw('g_party.party_kind'),
    join: raw('left join (select distinct convention_id, party_kind from conventions.convention_party) g_party on g_party.convention_id = t.id'),
  },
};

export const AGREEMENT_GROUPINGS: Record<AgreementGrouping, Grouping> = {
  SECTOR: { key: 'sector', select: raw('g_sector.sector_id'), join: raw('left join conventions.agreement_sector g_sector on g_sector.agreement_id = t.id') },
  YEAR_SIGNED,
  PROGRAMME: { key: 'programme', select: raw('t.programme') },
};

const keysOf = (groupings: Record<string, Grouping>) => Object.values(groupings).map((g) => g.key);

@Resolver()
export class CountsResolver {
  @Query(() => [ConventionCount], {
    nullable: true,
    description: `How many specific conventions match the filter, per group (largest first), counted in SQL: e.g. \`groupBy: [SECTOR, KIND]\`. Records where a grouped value is unknown form a group whose key holds null for it. No grouping: one group, the total. ${NULL_WHEN_UNANSWERED}`,
  })
  conventionCounts(
    @Arg('groupBy', () => [ConventionGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: ConventionGrouping[],
    @Arg('filter', () => SpecificConventionFilter, { nullable: true }) filter: SpecificConventionFilter | null,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    const groupings = [...new Set(groupBy)].map((g) => CONVENTION_GROUPINGS[g]);
    return loaders.lists.conventions().groupCounts(filter, groupings, keysOf(CONVENTION_GROUPINGS));
  }

  @Query(() => [AgreementCount], {
    nullable: true,
    description: `How many framework agreements match the filter, per group (largest first), counted in SQL. Records where a grouped value is unknown form a group whose key holds null for it. No grouping: one group, the total. ${NULL_WHEN_UNANSWERED}`,
  })
  frameworkAgreementCounts(
    @Arg('groupBy', () => [AgreementGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: AgreementGrouping[],
    @Arg('filter', () => FrameworkAgreementFilter, { nullable: true }) filter: FrameworkAgreementFilter | null,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    const groupings = [...new Set(groupBy)].map((g) => AGREEMENT_GROUPINGS[g]);
    return loaders.lists.agreements().groupCounts(filter, groupings, keysOf(AGREEMENT_GROUPINGS));
  }
}

/** A group's sector, from its id: one statement for every group of the answer. */
function sectorOfKey(key: { sector: unknown }, { loaders }: ConventionsContext) {
  return key.sector === null ? null : loaders.sectorById.load(key.sector as string);
}

@Resolver(() => ConventionCountKey)
export class ConventionCountKeyResolver {
  @FieldResolver(() => SectorType, { nullable: true, description: 'The sector; null when not grouped by it, or for the conventions with no known sector.' })
  sector(@Root() key: { sector: unknown }, @Ctx() context: ConventionsContext) {
    return sectorOfKey(key, context);
  }
}

@Resolver(() => AgreementCountKey)
export class AgreementCountKeyResolver {
  @FieldResolver(() => SectorType, { nullable: true, description: 'The sector; null when not grouped by it, or for the agreements with no known sector.' })
  sector(@Root() key: { sector: unknown }, @Ctx() context: ConventionsContext) {
    return sectorOfKey(key, context);
  }
}
