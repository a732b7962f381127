import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  changeInput,
  checkPartiesThroughHub,
  checkPeriod,
  createRecord,
  creationInput,
  PartialDateScalar,
  PartyKind,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  sourcesThroughHub,
  updateRecord,
  deleteRecord,
  DeleteInput,
  namedLocally,
  type RecordWriter,
  sql,
  type PartialDate,
  type Source,
} from '@hub/kit';
import type { CompetenceContext } from '../context';
import { LabelDecision } from './decision.entity';
import { LabelDecisionType } from './decision.type';

/** The fields of a decision that `unverifiedFields` may name. */
const DECISION_FIELDS = ['decidedOn', 'decidedBy', 'proposedBy', 'certificatesHandedOverOn', 'validFrom', 'validTo', 'retroactive', 'fullLabelCount', 'provisionalLabelCount', 'centresInNetwork', 'peopleTrainedPerYear'];
const COUNTS = ['fullLabelCount', 'provisionalLabelCount', 'centresInNetwork', 'peopleTrainedPerYear'] as const;

@InputType('LabelDecisionFields', { description: 'The fields of a label decision, as a write sets them.' })
export class DecisionFields extends ProvenanceInput {
  @Field(() => PartialDateScalar, { nullable: true })
  decidedOn?: PartialDate | null;

  @Field(() => ID, { nullable: true, description: 'The government that decided (a public authority, checked with the conventions subgraph).' })
  decidedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Who proposed it (the Minister of Training…).' })
  proposedBy?: string | null;

  @Field(() => PartialDateScalar, { nullable: true })
  certificatesHandedOverOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of the labels’ validity.' })
  validFrom?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of the labels’ validity: not before its start, at the precision given.' })
  validTo?: PartialDate | null;

  @Field(() => Boolean, { nullable: true })
  retroactive?: boolean | null;

  @Field(() => Int, { nullable: true })
  fullLabelCount?: number | null;

  @Field(() => Int, { nullable: true })
  provisionalLabelCount?: number | null;

  @Field(() => Int, { nullable: true })
  centresInNetwork?: number | null;

  @Field(() => Int, { nullable: true })
  peopleTrainedPerYear?: number | null;

}

const CreateLabelDecisionInput = creationInput(DecisionFields, 'CreateLabelDecisionInput', 'A new label decision.');
const UpdateLabelDecisionInput = changeInput(DecisionFields, 'UpdateLabelDecisionInput', 'A change to a label decision.');
const CreateLabelDecisionPayload = payloadType(LabelDecisionType as ClassType<LabelDecision>, 'CreateLabelDecisionPayload', 'The label decision as the creation left it.');
const DeleteLabelDecisionPayload = payloadType(LabelDecisionType as ClassType<LabelDecision>, 'DeleteLabelDecisionPayload', 'The label decision as it was when deleted.');
const UpdateLabelDecisionPayload = payloadType(LabelDecisionType as ClassType<LabelDecision>, 'UpdateLabelDecisionPayload', 'The label decision as the change left it.');


const snapshot = (d: LabelDecision) => ({
  decidedOn: d.decidedOn,
  decidedBy: d.decidedById,
  proposedBy: d.proposedBy,
  certificatesHandedOverOn: d.certificatesHandedOverOn,
  validFrom: d.validFrom,
  validTo: d.validTo,
  retroactive: d.retroactive,
  fullLabelCount: d.fullLabelCount,
  provisionalLabelCount: d.provisionalLabelCount,
  centresInNetwork: d.centresInNetwork,
  peopleTrainedPerYear: d.peopleTrainedPerYear,
  ...provenanceSnapshot(d),
});

/** What a write asks of other subgraphs, asked before any row is locked: the deciding government, the sources. */
async function references(context: CompetenceContext, set: DecisionFields): Promise<{ sources?: Source[] }> {
  if (set.decidedBy != null) await checkPartiesThroughHub(context, 'decidedBy', [{ id: set.decidedBy, kind: PartyKind.GOVERNMENT }], true);
  return { sources: set.sources === undefined ? undefined : await sourcesThroughHub(context, set.sources) };
}

function applyFields(decision: LabelDecision, set: DecisionFields, sources: Source[] | undefined) {
  for (const field of ['decidedOn', 'proposedBy', 'certificatesHandedOverOn', 'validFrom', 'validTo', 'retroactive'] as const) {
    if (set[field] !== undefined) Object.assign(decision, { [field]: set[field] });
  }
  if (set.decidedBy !== undefined) decision.decidedById = set.decidedBy;
  for (const field of COUNTS) {
    const count = set[field];
    if (count === undefined) continue;
    if (count !== null && count < 0) throw badInput(field, 'must be 0 or more.');
    decision[field] = count;
  }
  checkPeriod(decision.validFrom, decision.validTo, 'label decision');
  applyProvenance(decision, set, sources, DECISION_FIELDS, 'label decision');
}

/** How label decisions are written, by the mutations below and by imports. */
export const decisionWriter: RecordWriter<LabelDecision, InstanceType<typeof CreateLabelDecisionInput>, { sources?: Source[] }> = {
  type: 'LabelDecision',
  entity: LabelDecision,
  required: [],
  references: (context, input) => references(context, input),
  build: async (input, _em, { sources }) => {
    const decision = Object.assign(new LabelDecision(), { id: input.id });
    applyFields(decision, input, sources);
    return decision;
  },
  apply: (decision, input, _em, { sources }) => applyFields(decision, input, sources),
  snapshot,
  namedBy: (decision, em) => namedLocally(em, 'CompetenceCentre', sql`select id from competence.competence_centre where deleted_at is null and label_decision_id = ${decision.id}`),
};

/** The writes of label decisions: the Walloon government and admins (data/rights.json). */
@Resolver()
export class DecisionWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => CreateLabelDecisionPayload, { description: 'Adds a label decision. Refused: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT (the field at fault).' })
  async createLabelDecision(@Arg('input', () => CreateLabelDecisionInput) input: InstanceType<typeof CreateLabelDecisionInput>, @Ctx() context: CompetenceContext) {
    const found = await decisionWriter.references!(context, input, true);
    const record = await createRecord(context, {
      type: decisionWriter.type,
      entity: LabelDecision,
      input,
      build: (em) => decisionWriter.build(input, em, found),
      snapshot,
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => UpdateLabelDecisionPayload, { description: 'Changes a label decision. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT, BAD_USER_INPUT (the field at fault), NOT_FOUND.' })
  async updateLabelDecision(@Arg('input', () => UpdateLabelDecisionInput) input: InstanceType<typeof UpdateLabelDecisionInput>, @Ctx() context: CompetenceContext) {
    const { sources } = await references(context, input);
    const record = await updateRecord(context, {
      type: 'LabelDecision',
      entity: LabelDecision,
      input,
      snapshot,
      apply: (decision) => applyFields(decision, input, sources),
    });
    return { record };
  }
  @Authorized('editor', 'admin')
  @Mutation(() => DeleteLabelDecisionPayload, {
    description:
      'Deletes a label decision: it leaves every list and query, its tombstone stays in the audit trail and its id is never reused. Refused while a centre’s label rests on it (CONFLICT, naming them), and: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), NOT_FOUND.',
  })
  async deleteLabelDecision(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: CompetenceContext) {
    const record = await deleteRecord(context, {
      type: 'LabelDecision',
      entity: LabelDecision,
      input,
      snapshot,
      namedBy: decisionWriter.namedBy,
    });
    return { record };
  }
}
