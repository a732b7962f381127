import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PartialDateScalar, Source, Sourced, type PartialDate } from '@hub/kit';
import { PublicAuthorityReference } from '../foreign.type';
import { SfmqProfileKind } from './profile.entity';

registerEnumType(SfmqProfileKind, {
  name: 'SfmqProfileKind',
  description: 'What kind of profile it is.',
  valuesConfig: {
    JOB_PROFILE: { description: 'An SFMQ job profile (profil métier): what a trade requires, validated by the Chambre des Métiers (ChaM).' },
    TRAINING_PROFILE: { description: 'An SFMQ training profile (profil de formation): what a training leading to the trade teaches, validated by the Chambre Enseignement-Formation (ChaEF).' },
    CERTIFICATION_PROFILE: { description: 'An FWB certification profile (profil de certification, Certification par Unités, CPU) written from SFMQ training profiles, approved by the government.' },
  },
});

@ObjectType('SfmqProfileVersion', { description: 'A version of a profile and the dates the SFMQ chambers gave it, as the document states them; a date it does not give is null.' })
export class SfmqProfileVersionType {
  @Field({ description: 'The version as the document names it ("version actuelle", "version précédente").' })
  label!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'The date of the version (version du …); null when not stated.' })
  versionDate!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the Chambre des Métiers (ChaM) validated it; null when not stated or stated as none (see `note`).' })
  chamValidatedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the Chambre Enseignement-Formation (ChaEF) validated it (validation ChaEF); null when not stated or stated as none (see `note`).' })
  chaefValidatedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the Chambre de concertation et d’agrément (ChaCA) agreed it (agréation ChaCA); null when not stated or stated as none (see `note`).' })
  chacaAgreedOn!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'What the document says besides (e.g. "NEANT" for a chamber); null when nothing.' })
  note!: string | null;

  @Field(() => [Source], { description: 'The public pages that state this version.' })
  sources!: Source[];
}

@ObjectType('GovernmentApproval', {
  description: 'A government approval of a profile as one place of a source states it. Where sources (or one document) state different dates, each is an approval of its own, side by side: none is chosen.',
})
export class GovernmentApprovalType {
  @Field(() => PublicAuthorityReference, { nullable: true, description: 'The government that approved it (resolved by the conventions subgraph); null, with an error at this path, when that subgraph is unavailable.' })
  government!: { id: string };

  @Field(() => PartialDateScalar, { nullable: true, description: 'The day (or month, or year) of the approval as stated; null when not stated.' })
  approvedOn!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'Where and how the source states it (e.g. "title page: « Approuvé par le Gouvernement en date du 22 / 05 / 2019 »"); null when not recorded.' })
  statedAs!: string | null;

  @Field(() => [Source], { description: 'The public pages that state it.' })
  sources!: Source[];
}

@ObjectType('SfmqProfile', {
  description:
    'A profile of the SFMQ (Service francophone des Métiers et des Qualifications: profil métier, profil de formation), the reference of every qualifying training, or an FWB profil de certification (CPU) written from them.',
})
@Sourced()
export class SfmqProfileType {
  @Field(() => ID, { description: 'Stable slug, e.g. "sp_mecanicien_entretien_automobile".' })
  id!: string;

  @Field(() => SfmqProfileKind, { description: 'What kind of profile it is.' })
  kind!: SfmqProfileKind;

  @Field({ description: 'Name of the profile as published (usually in French, with its feminine form).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The cluster of trades (grappe de métiers) the profile belongs to; null when no source gives it.' })
  grappe!: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'The date the document bears (e.g. "2013-03" for "Mars 2013"); null when it bears none.' })
  documentDate!: PartialDate | null;

  @Field(() => [SfmqProfileVersionType], { description: 'The versions the document lists, with their chamber dates; empty when it lists none.' })
  versions!: SfmqProfileVersionType[];

  @Field(() => [GovernmentApprovalType], { description: 'Each government approval as stated, conflicting statements side by side (see `note`); empty when no source states one.' })
  governmentApprovals!: GovernmentApprovalType[];
}
