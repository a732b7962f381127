import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Source, Sourced } from '@hub/kit';

@ObjectType('SectorTestSession', {
  description: 'One session of a sector test as a source reports it (a year, a trade, how many sat and passed). Sources often give only some of it: every field a source does not give is null.',
})
export class SectorTestSessionType {
  @Field(() => Int, { nullable: true, description: 'The calendar year of the session; null when the source gives none (then `dateText` or `schoolYear` holds what it says): never inferred.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'The school year (année scolaire) the source names, e.g. "2013-2014"; null when it names none.' })
  schoolYear!: string | null;

  @Field(() => String, { nullable: true, description: 'The date as the source words it when it gives no year (e.g. "3 juin (year not given)"); null otherwise.' })
  dateText!: string | null;

  @Field(() => String, { nullable: true, description: 'The trade or option the figures are for, as the source words it; null when the source does not say.' })
  trade!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many sat the test (candidats, participants); null when the source gives no exact number.' })
  candidates!: number | null;

  @Field(() => Int, { nullable: true, description: 'An approximate number of candidates the source gives instead ("environ 1000 candidats par an"); null when it gives none.' })
  candidatesApprox!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many passed (brevets sectoriels awarded); null when the source does not say.' })
  passed!: number | null;

  @Field(() => Float, { nullable: true, description: 'The share that passed, 0 to 1, as the source states it (0.65 for "65%"); null when it states none. Not computed from `passed`.' })
  passRate!: number | null;

  @Field(() => String, { nullable: true, description: 'Where the session or its ceremony took place; null when not stated.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'What the source adds (a share without a number, who attended); null when nothing.' })
  note!: string | null;

  @Field(() => [Source], { description: 'The public pages these figures come from.' })
  sources!: Source[];
}

@ObjectType('SectorTest', {
  description:
    'A sector test (épreuve sectorielle): a test a sector fund organises for pupils of the last years of qualifying education (and trainees), on the trades of its sector; those who pass get a sector certificate (brevet sectoriel).',
})
@Sourced()
export class SectorTestType {
  @Field(() => ID, { description: 'Stable slug, e.g. "st_educam_automobile".' })
  id!: string;

  @Field({ description: 'Name as the organiser or the sources give it.' })
  name!: string;

  @Field(() => [String], { description: 'The trades (métiers) tested, as the sources word them; empty when none is named.' })
  trades!: string[];

  @Field(() => String, { nullable: true, description: 'Who may sit the test, as the sources describe it; null when unknown.' })
  targetPublic!: string | null;

  @Field(() => String, { nullable: true, description: 'What those who pass receive (brevet sectoriel, certificat du secteur); null when unknown.' })
  certificate!: string | null;

  @Field(() => String, { nullable: true, description: 'What it takes to pass, as the sources word it (e.g. "60% overall; theory 25% + practice 75%"); null when no source says.' })
  passThreshold!: string | null;

  @Field(() => Float, { nullable: true, description: 'The overall mark needed to pass, 0 to 1 (0.6 for 60%), when a source gives one; null otherwise.' })
  passMark!: number | null;

  @Field(() => [String], { description: 'The centres where the tests take place (centres partenaires), as named by the sources; empty when none is named.' })
  partnerCentres!: string[];

  @Field(() => String, { nullable: true, description: 'How the test relates to SFMQ profiles, as the sources say (e.g. built on SFMQ job profiles); null when no source says.' })
  sfmqLink!: string | null;

  @Field(() => String, { nullable: true, description: 'How the test relates to the validation of competences (CVDC), as the sources say; null when no source says.' })
  validationLink!: string | null;

  @Field(() => [SectorTestSessionType], { description: 'The sessions the sources report, with their figures; a session whose year no source gives has `year` null. Empty when none is reported.' })
  sessions!: SectorTestSessionType[];
}
