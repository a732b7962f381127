import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, countType, raw, SectorReference, sectorGrouping, type Grouping } from '@hub/kit';
import { CENTRE_SECTORS } from '../loaders';
import type { CompetenceContext } from '../context';
import { LabelStatus } from '../centre/centre.entity';
import { CompetenceCentreFilter } from '../centre/centre.list';

export enum CentreGrouping {
  PROVINCE = 'PROVINCE',
  SECTOR = 'SECTOR',
  LABEL_STATUS = 'LABEL_STATUS',
  LABEL_EXPIRY_YEAR = 'LABEL_EXPIRY_YEAR',
  MANAGING_BODY = 'MANAGING_BODY',
}
registerEnumType(CentreGrouping, {
  name: 'CompetenceCentreGrouping',
  description: 'What to count competence centres by.',
  valuesConfig: {
    PROVINCE: { description: 'The province of the main site.' },
    SECTOR: { description: 'Each sector the centre serves (a centre of two sectors counts in both).' },
    LABEL_STATUS: { description: 'The label status.' },
    LABEL_EXPIRY_YEAR: { description: 'The year the label ends.' },
    MANAGING_BODY: { description: 'Who runs the centre.' },
  },
});

const GROUPED = 'Null when not grouped by it, or, when grouped by it, for the centres where it is unknown (they form a group of their own).';

@ObjectType('CompetenceCentreCountKey', { description: `What the centres of a group share. ${GROUPED}` })
export class CentreCountKey {
  @Field(() => String, { nullable: true, description: `The province. ${GROUPED}` })
  province!: string | null;

  @Field(() => SectorReference, { nullable: true, description: `The sector. ${GROUPED} Also null, with an error at this path, when the conventions subgraph, which owns sectors, is unavailable.` })
  sector!: SectorReference | null;

  @Field(() => LabelStatus, { nullable: true, description: `The label status. ${GROUPED}` })
  labelStatus!: LabelStatus | null;

  @Field(() => Int, { nullable: true, description: `The year the label ends. ${GROUPED}` })
  labelExpiryYear!: number | null;

  @Field(() => String, { nullable: true, description: `Who runs the centres. ${GROUPED}` })
  managingBody!: string | null;
}

export const CentreCount = countType(CentreCountKey, 'CompetenceCentreCount', 'competence centres');

export const CENTRE_GROUPINGS: Record<CentreGrouping, Grouping> = {
  PROVINCE: { key: 'province', select: raw('t.province') },
  SECTOR: sectorGrouping(CENTRE_SECTORS, 'centre_id'),
  LABEL_STATUS: { key: 'labelStatus', select: raw('t.label_status') },
  LABEL_EXPIRY_YEAR: { key: 'labelExpiryYear', select: raw('substr(t.label_valid_to, 1, 4)::int') },
  MANAGING_BODY: { key: 'managingBody', select: raw('t.managing_body') },
};

@Resolver()
export class CentreCountsResolver {
  @Query(() => [CentreCount], {
    nullable: true,
    description: `How many competence centres match the filter, per group (largest first), counted in SQL: e.g. \`groupBy: [PROVINCE]\`. Centres where a grouped value is unknown form a group whose key holds null for it. No grouping: one group, the total. ${NULL_WHEN_UNANSWERED}`,
  })
  competenceCentreCounts(
    @Arg('groupBy', () => [CentreGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: CentreGrouping[],
    @Arg('filter', () => CompetenceCentreFilter, { nullable: true }) filter: CompetenceCentreFilter | null,
    @Ctx() { loaders }: CompetenceContext,
  ) {
    const groupings = [...new Set(groupBy)].map((g) => CENTRE_GROUPINGS[g]);
    return loaders.centres().groupCounts(filter, groupings, Object.values(CENTRE_GROUPINGS).map((g) => g.key));
  }
}
