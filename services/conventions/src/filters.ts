import { ArgsType, Field } from 'type-graphql';
import { isActiveOn, PartialDateScalar, type PartialDate } from '@hub/kit';
import { ConventionKind } from './convention/convention.entity';

@ArgsType()
export class AgreementFilter {
  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Only those valid on this day (YYYY-MM-DD), or at some time in this month or year (YYYY-MM, YYYY). A bound known only to the year or month counts for all of it; records with an unknown bound are left out.',
  })
  activeOn?: PartialDate;

  @Field({ defaultValue: false, description: 'Only records backed by a public source (verified: true).' })
  verifiedOnly!: boolean;
}

@ArgsType()
export class ConventionFilter extends AgreementFilter {
  @Field(() => ConventionKind, { nullable: true, description: 'Only conventions of this kind.' })
  kind?: ConventionKind;
}

interface Filterable {
  verified: boolean;
  validFrom: PartialDate | null;
  validTo: PartialDate | null;
  kind?: ConventionKind;
}

/** Applies an analyst's filter to agreements or conventions already loaded (no extra SQL). */
export function applyFilter<T extends Filterable>(records: T[], filter: Partial<ConventionFilter>): T[] {
  return records.filter(
    (r) =>
      (!filter.verifiedOnly || r.verified) &&
      (!filter.kind || r.kind === filter.kind) &&
      (!filter.activeOn || isActiveOn(r.validFrom, r.validTo, filter.activeOn)),
  );
}
