import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  changeInput,
  checkedName,
  checkedWebsite,
  checkPeriod,
  foldText,
  PartialDateScalar,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  sourcesThroughHub,
  updateRecord,
  deleteRecord,
  DeleteInput,
  namedThroughHub,
  type PartialDate,
} from '@hub/kit';
import type { CompetenceContext } from '../context';
import { LabelDecision } from '../label/decision.entity';
import { CompetenceCentre, Label, LabelStatus } from './centre.entity';
import { PROVINCES } from './centre.list';
import { CompetenceCentreType } from './centre.type';

@InputType({ description: 'The label a centre holds, as decided: every field is set as given.' })
export class LabelInput {
  @Field(() => LabelStatus)
  status!: LabelStatus;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day (or month, or year) of the decision.' })
  decidedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of the label’s validity.' })
  validFrom?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of the label’s validity: not before its start, at the precision given.' })
  validTo?: PartialDate | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType('CompetenceCentreFields', { description: 'The fields of a competence centre, as a write sets them.' })
export class CentreFields extends ProvenanceInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => String, { nullable: true, description: 'The commune of its main site.' })
  city?: string | null;

  @Field(() => [String], { nullable: true, description: 'Every site, where it has several.' })
  sites?: string[];

  @Field(() => String, { nullable: true, description: `One of ${PROVINCES.join(', ')} (case and accents are not checked).` })
  province?: string | null;

  @Field(() => String, { nullable: true, description: 'The body that manages the centre.' })
  managingBody?: string | null;

  @Field(() => String, { nullable: true, description: 'Official website: an http(s) address.' })
  website?: string | null;

  @Field(() => LabelInput, { nullable: true, description: 'The label as last decided.' })
  label?: LabelInput;

  @Field(() => ID, { nullable: true, description: 'The decision that granted the label (`labelDecisions`).' })
  labelDecision?: string | null;
}

const UpdateCompetenceCentreInput = changeInput(
  CentreFields,
  'UpdateCompetenceCentreInput',
  'A change to a competence centre: a centre edits its descriptive fields; its label and label decision are gov_wallonia’s (data/rights.json).',
);
const UpdateCompetenceCentrePayload = payloadType(CompetenceCentreType as ClassType<CompetenceCentre>, 'UpdateCompetenceCentrePayload', 'The competence centre as the change left it.');

const DeleteCompetenceCentrePayload = payloadType(CompetenceCentreType as ClassType<CompetenceCentre>, 'DeleteCompetenceCentrePayload', 'The competence centre as it was when deleted.');

/** The fields of a centre that `unverifiedFields` may name. */
const CENTRE_FIELDS = ['name', 'scope', 'city', 'sites', 'province', 'managingBody', 'website', 'sectors', 'label', 'labelDecision', 'publics'];

/** A centre as the audit trail shows it. */
const snapshot = (c: CompetenceCentre) => ({
  name: c.name,
  city: c.city,
  sites: c.sites,
  province: c.province,
  managingBody: c.managingBody,
  website: c.website,
  label: { status: c.label.status, decidedOn: c.label.decidedOn, validFrom: c.label.validFrom, validTo: c.label.validTo, note: c.label.note },
  labelDecision: c.labelDecision?.id ?? null,
  ...provenanceSnapshot(c),
});

/** The province as the hub spells it, whatever the case and accents given. */
function province(given: string): string {
  const found = PROVINCES.find((name) => foldText(name) === foldText(given));
  if (!found) throw badInput('province', `"${given.slice(0, 100)}" is not a province of Wallonia (${PROVINCES.join(', ')}).`);
  return found;
}

/** The label as given, its dates in order at the precision given (2024-05 may end in 2024, not in 2023-12). */
function label(given: LabelInput): Label {
  const { validFrom = null, validTo = null } = given;
  checkPeriod(validFrom, validTo, 'label', 'label.validTo');
  return Object.assign(new Label(), { status: given.status, decidedOn: given.decidedOn ?? null, validFrom, validTo, note: given.note ?? null });
}

@Resolver()
export class CentreWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => UpdateCompetenceCentrePayload, {
    description: 'Changes a competence centre. Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json), CONFLICT (another version), BAD_USER_INPUT (the field at fault), NOT_FOUND.',
  })
  async updateCompetenceCentre(@Arg('input', () => UpdateCompetenceCentreInput) input: InstanceType<typeof UpdateCompetenceCentreInput>, @Ctx() context: CompetenceContext) {
    // asked before the record is locked: no row waits on another subgraph
    const sources = input.sources === undefined ? undefined : await sourcesThroughHub(context, input.sources);
    const record = await updateRecord(context, {
      type: 'CompetenceCentre',
      entity: CompetenceCentre,
      input,
      snapshot,
      apply: async (centre, em) => {
        if (input.name !== undefined) centre.name = checkedName('name', input.name);
        if (input.city !== undefined) centre.city = input.city === null ? null : checkedName('city', input.city);
        if (input.sites !== undefined) centre.sites = input.sites.map((site, i) => checkedName(`sites[${i}]`, site));
        if (input.province !== undefined) centre.province = input.province === null ? null : province(input.province);
        if (input.managingBody !== undefined) centre.managingBody = input.managingBody === null ? null : checkedName('managingBody', input.managingBody);
        if (input.website !== undefined) centre.website = checkedWebsite('website', input.website);
        if (input.label !== undefined) centre.label = label(input.label);
        if (input.labelDecision !== undefined) {
          const decision = input.labelDecision === null ? null : await em.findOne(LabelDecision, { id: input.labelDecision });
          if (decision === null && input.labelDecision !== null) throw badInput('labelDecision', `there is no label decision "${input.labelDecision}" (Query.labelDecisions).`);
          centre.labelDecision = decision;
        }
        applyProvenance(centre, input, sources, CENTRE_FIELDS, 'competence centre');
      },
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => DeleteCompetenceCentrePayload, {
    description:
      'Deletes a competence centre: it leaves every list, count and query, its tombstone stays in the audit trail and its id is never reused. Refused while a convention or agreement names it as a party (CONFLICT, naming them), and: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), NOT_FOUND.',
  })
  async deleteCompetenceCentre(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: CompetenceContext) {
    // a centre is a party: the conventions and agreements naming it are the conventions subgraph's
    const named = await namedThroughHub(context, 'competenceCentre(id: $id)', input.id, { conventions: 'SpecificConvention', frameworkAgreements: 'FrameworkAgreement' });
    const record = await deleteRecord(context, { type: 'CompetenceCentre', entity: CompetenceCentre, input, snapshot, namedBy: async () => named });
    return { record };
  }
}
