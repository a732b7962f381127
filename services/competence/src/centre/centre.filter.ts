import { ArgsType, Field } from 'type-graphql';
import { isActiveOn, PartialDateScalar, type PartialDate } from '@hub/kit';
import { LabelStatus, type CompetenceCentre } from './centre.entity';

@ArgsType()
export class CentreFilter {
  @Field(() => LabelStatus, { nullable: true, description: 'Only centres whose label has this status.' })
  labelStatus?: LabelStatus;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Only centres whose label is valid on this day (YYYY-MM-DD), or at some time in this month or year (YYYY-MM, YYYY); a label with unknown validity is left out.',
  })
  labelActiveOn?: PartialDate;

  @Field(() => String, { nullable: true, description: 'Only centres in this province, e.g. "Hainaut".' })
  province?: string;

  @Field({ defaultValue: false, description: 'Only centres backed by a public source.' })
  verifiedOnly!: boolean;
}

/** Applies an analyst's filter to centres already loaded (no extra SQL). */
export function applyCentreFilter(centres: CompetenceCentre[], filter: Partial<CentreFilter>): CompetenceCentre[] {
  return centres.filter(
    (c) =>
      (!filter.verifiedOnly || c.verified) &&
      (!filter.labelStatus || c.label.status === filter.labelStatus) &&
      (!filter.province || c.province === filter.province) &&
      (!filter.labelActiveOn || isActiveOn(c.label.validFrom, c.label.validTo, filter.labelActiveOn)),
  );
}
