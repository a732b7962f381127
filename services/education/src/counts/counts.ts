import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, countType, raw, SectorReference, sectorGrouping, type Grouping } from '@hub/kit';
import { PROFILE_SECTORS, TEST_SECTORS } from '../loaders';
import type { EducationContext } from '../context';
import { SectorBodyReference } from '../foreign.type';
import { SectorTestFilter } from '../sector-test/sector-test.list';
import { SfmqProfileKind } from '../sfmq/profile.entity';
import { SfmqProfileFilter } from '../sfmq/profile.list';

export enum SectorTestGrouping {
  SECTOR = 'SECTOR',
  ORGANISER = 'ORGANISER',
  SESSION_YEAR = 'SESSION_YEAR',
}
registerEnumType(SectorTestGrouping, {
  name: 'SectorTestGrouping',
  description: 'What to count sector tests by.',
  valuesConfig: {
    SECTOR: { description: 'Each sector the test is for (a test of two sectors counts in both).' },
    ORGANISER: { description: 'The sector fund that organises it.' },
    SESSION_YEAR: { description: 'Each year the test has a session in (a test with sessions in two years counts in both; sessions of unknown year, or none, count under null).' },
  },
});

export enum SfmqProfileGrouping {
  KIND = 'KIND',
  SECTOR = 'SECTOR',
  APPROVAL_YEAR = 'APPROVAL_YEAR',
}
registerEnumType(SfmqProfileGrouping, {
  name: 'SfmqProfileGrouping',
  description: 'What to count SFMQ profiles by.',
  valuesConfig: {
    KIND: { description: 'The kind of profile.' },
    SECTOR: { description: 'Each sector of the profile (a profile of two sectors counts in both).' },
    APPROVAL_YEAR: { description: 'Each year a government approval is stated in (a profile whose sources state two years counts in both; no approval known counts under null).' },
  },
});

const GROUPED = 'Null when not grouped by it, or, when grouped by it, for the records where it is unknown (they form a group of their own).';
const CONVENTIONS_DOWN = 'Also null, with an error at this path, when the conventions subgraph, which owns it, is unavailable.';

@ObjectType('SectorTestCountKey', { description: `What the sector tests of a group share. ${GROUPED}` })
export class SectorTestCountKey {
  @Field(() => SectorReference, { nullable: true, description: `The sector. ${GROUPED} ${CONVENTIONS_DOWN}` })
  sector!: SectorReference | null;

  @Field(() => SectorBodyReference, { nullable: true, description: `The organising sector fund. ${GROUPED} ${CONVENTIONS_DOWN}` })
  organiser!: SectorBodyReference | null;

  @Field(() => Int, { nullable: true, description: `The year of a session. ${GROUPED}` })
  sessionYear!: number | null;
}

@ObjectType('SfmqProfileCountKey', { description: `What the profiles of a group share. ${GROUPED}` })
export class SfmqProfileCountKey {
  @Field(() => SfmqProfileKind, { nullable: true, description: `The kind of profile. ${GROUPED}` })
  kind!: SfmqProfileKind | null;

  @Field(() => SectorReference, { nullable: true, description: `The sector. ${GROUPED} ${CONVENTIONS_DOWN}` })
  sector!: SectorReference | null;

  @Field(() => Int, { nullable: true, description: `The year of a government approval. ${GROUPED}` })
  approvalYear!: number | null;
}

export const SectorTestCount = countType(SectorTestCountKey, 'SectorTestCount', 'sector tests');
export const SfmqProfileCount = countType(SfmqProfileCountKey, 'SfmqProfileCount', 'SFMQ profiles');

const reference = (id: unknown) => ({ id });

export const TEST_GROUPINGS: Record<SectorTestGrouping, Grouping> = {
  // sectors and sector funds are owned by the conventions subgraph: references the gateway resolves there
  SECTOR: sectorGrouping(TEST_SECTORS, 'test_id'),
  ORGANISER: { key: 'organiser', select: raw('t.organiser'), value: reference },
  SESSION_YEAR: {
    key: 'sessionYear',
    select: raw('g_year.year'),
    join: raw(`left join lateral (select distinct (s->>'year')::int as year from jsonb_array_elements(t.sessions) s) g_year on true`),
  },
};

export const PROFILE_GROUPINGS: Record<SfmqProfileGrouping, Grouping> = {
  KIND: { key: 'kind', select: raw('t.kind') },
  SECTOR: sectorGrouping(PROFILE_SECTORS, 'profile_id'),
  APPROVAL_YEAR: {
    key: 'approvalYear',
    select: raw('g_year.year'),
    join: raw(`left join lateral (select distinct substr(a->>'approvedOn', 1, 4)::int as year from jsonb_array_elements(t.government_approvals) a where a->>'approvedOn' is not null) g_year on true`),
  },
};

const COUNTED = 'counted in SQL, largest first. Records where a grouped value is unknown form a group whose key holds null for it. No grouping: one group, the total.';

@Resolver()
export class EducationCountsResolver {
  @Query(() => [SectorTestCount], { nullable: true, description: `How many sector tests match the filter, per group: e.g. \`groupBy: [ORGANISER]\`; ${COUNTED} ${NULL_WHEN_UNANSWERED}` })
  sectorTestCounts(
    @Arg('groupBy', () => [SectorTestGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: SectorTestGrouping[],
    @Arg('filter', () => SectorTestFilter, { nullable: true }) filter: SectorTestFilter | null,
    @Ctx() { loaders }: EducationContext,
  ) {
    const groupings = [...new Set(groupBy)].map((g) => TEST_GROUPINGS[g]);
    return loaders.sectorTests().groupCounts(filter, groupings, Object.values(TEST_GROUPINGS).map((g) => g.key));
  }

  @Query(() => [SfmqProfileCount], { nullable: true, description: `How many SFMQ profiles match the filter, per group: e.g. \`groupBy: [KIND]\`; ${COUNTED} ${NULL_WHEN_UNANSWERED}` })
  sfmqProfileCounts(
    @Arg('groupBy', () => [SfmqProfileGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: SfmqProfileGrouping[],
    @Arg('filter', () => SfmqProfileFilter, { nullable: true }) filter: SfmqProfileFilter | null,
    @Ctx() { loaders }: EducationContext,
  ) {
    const groupings = [...new Set(groupBy)].map((g) => PROFILE_GROUPINGS[g]);
    return loaders.sfmqProfiles().groupCounts(filter, groupings, Object.values(PROFILE_GROUPINGS).map((g) => g.key));
  }
}
