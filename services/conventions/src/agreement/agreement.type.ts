import { Field, ID, ObjectType } from 'type-graphql';
import { PartialDateScalar, Sourced, type PartialDate } from '@hub/kit';

@ObjectType('FrameworkAgreement', {
  description:
    'A framework agreement (accord-cadre) signed by Wallonia, the Fédération Wallonie-Bruxelles and a sector (Plan Marshall 2.vert, axis 1, measure 1); specific conventions carry it out.',
})
@Sourced()
export class FrameworkAgreementType {
  @Field(() => ID, { description: 'Stable slug, e.g. "fa_construction_2010_2014".' })
  id!: string;

  @Field({ description: 'Descriptive title made by the hub from the sectors and years: the sources give no official title.' })
  title!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day (or month, or year) of signature; null when no source gives it.' })
  signedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of validity, at the precision the source gives; null when unknown.' })
  validFrom!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of validity, at the precision the source gives; null when unknown.' })
  validTo!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'The programme the agreement belongs to (e.g. Plan Marshall 2.vert); null when unknown.' })
  programme!: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of what the agreement covers; null when no source describes it.' })
  content!: string | null;
}
