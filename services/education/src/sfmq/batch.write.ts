import { Field, ID, InputType, Int } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  checkedName,
  checkPartiesThroughHub,
  firstDay,
  lastDay,
  PartialDateScalar,
  PartyKind,
  provenanceSnapshot,
  ProvenanceInput,
  recordWrites,
  sourcesThroughHub,
  type PartialDate,
  type RecordWriter,
  type Source,
} from '@hub/kit';
import { checkedCount } from '../checks';
import { SfmqApprovalBatch } from './batch.entity';
import { SfmqProfileKind } from './profile.entity';
import { SfmqApprovalBatchType } from './batch.type';

@InputType('SfmqApprovalBatchFields', { description: 'The fields of an approval batch, as a write sets them.' })
export class SfmqApprovalBatchFields extends ProvenanceInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'The government that decided: a GOVERNMENT of `Query.publicAuthorities`.' })
  government?: string;

  @Field(() => PartialDateScalar, { nullable: true })
  decidedOn?: PartialDate | null;

  @Field(() => SfmqProfileKind, { nullable: true })
  profileKind?: SfmqProfileKind | null;

  @Field(() => Int, { nullable: true })
  profileCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many the first decision approved: not more than `profileCount`.' })
  firstApprovedCount?: number | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'The rectification: not before the decision.' })
  rectifiedOn?: PartialDate | null;
}

/** The fields of a batch that `unverifiedFields` may name (its GraphQL names). */
export const BATCH_FIELDS = ['name', 'government', 'decidedOn', 'profileKind', 'profileCount', 'firstApprovedCount', 'rectifiedOn'];

const snapshot = (b: SfmqApprovalBatch) => ({
  name: b.name,
  government: b.government,
  decidedOn: b.decidedOn,
  profileKind: b.profileKind,
  profileCount: b.profileCount,
  firstApprovedCount: b.firstApprovedCount,
  rectifiedOn: b.rectifiedOn,
  ...provenanceSnapshot(b),
});

function applyFields(batch: SfmqApprovalBatch, input: SfmqApprovalBatchFields, sources: Source[] | undefined) {
  if (input.name !== undefined) batch.name = checkedName('name', input.name);
  if (input.government !== undefined) batch.government = input.government;
  if (input.decidedOn !== undefined) batch.decidedOn = input.decidedOn;
  if (input.profileKind !== undefined) batch.profileKind = input.profileKind;
  if (input.profileCount !== undefined) batch.profileCount = checkedCount('profileCount', input.profileCount);
  if (input.firstApprovedCount !== undefined) batch.firstApprovedCount = checkedCount('firstApprovedCount', input.firstApprovedCount);
  if (input.rectifiedOn !== undefined) batch.rectifiedOn = input.rectifiedOn;
  if (batch.profileCount !== null && batch.firstApprovedCount !== null && batch.firstApprovedCount > batch.profileCount) {
    throw badInput('firstApprovedCount', `${batch.firstApprovedCount} approved of ${batch.profileCount} profiles.`);
  }
  if (batch.decidedOn && batch.rectifiedOn && lastDay(batch.rectifiedOn) < firstDay(batch.decidedOn)) throw badInput('rectifiedOn', `${batch.rectifiedOn} is before the decision, ${batch.decidedOn}.`);
  applyProvenance(batch, input, sources, BATCH_FIELDS, 'approval batch');
}

/** How approval batches are written, by the mutations below and by imports. */
export const batchWriter: RecordWriter<SfmqApprovalBatch, SfmqApprovalBatchFields & { id: string }, Source[] | undefined> = {
  type: 'SfmqApprovalBatch',
  entity: SfmqApprovalBatch,
  required: ['name', 'government'],
  references: async (context, input) => {
    if (input.government !== undefined) await checkPartiesThroughHub(context, 'government', [{ id: input.government, kind: PartyKind.GOVERNMENT }], true);
    return input.sources === undefined ? undefined : sourcesThroughHub(context, input.sources);
  },
  build: async (input, _em, sources) => {
    const batch = Object.assign(new SfmqApprovalBatch(), { id: input.id });
    applyFields(batch, input, sources);
    return batch;
  },
  apply: (batch, input, _em, sources) => applyFields(batch, input, sources),
  snapshot,
};

/** createSfmqApprovalBatch, updateSfmqApprovalBatch, deleteSfmqApprovalBatch and a batch's history. */
export const BatchWriteResolver = recordWrites({
  type: SfmqApprovalBatchType,
  writer: batchWriter,
  fields: SfmqApprovalBatchFields,
  what: 'SFMQ approval batch',
  who: 'the SFMQ (data/rights.json) and admins',
});
