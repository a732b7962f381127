import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  changeInput,
  checkedName,
  checkRequired,
  childIdRule,
  createRecord,
  creationInput,
  deleteRecord,
  DeleteInput,
  namedLocally,
  namedThroughHub,
  Organisation,
  PartyKind,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  sql,
  updateRecord,
  type RecordWriter,
  SHARED,
} from '@hub/kit';
import type { ConventionsContext } from '../context';
import { sourcesOf } from '../source/sources';
import { Sector } from './sector.entity';
import { SectorType } from './sector.type';

/** The fields of a sector that `unverifiedFields` may name (its GraphQL names). */
const SECTOR_FIELDS = ['name', 'sectorFund', 'federation'];

@InputType('SectorFields', { description: 'The fields of a sector, as a write sets them.' })
export class SectorFields extends ProvenanceInput {
  @Field({ nullable: true, description: 'The sector’s name, as published.' })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Its sector training fund: the id of a sector body of kind SECTOR_FUND; null when none is known.' })
  sectorFund?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its employers federation: the id of a sector body of kind SECTOR_FEDERATION; null when none is known.' })
  federation?: string | null;
}

@InputType('NewSectorFields', { description: 'The fields of a new sector.' })
class NewSectorFields extends SectorFields {
  @Field(() => ID, { nullable: true, description: 'The sector this one is a sub-sector of; then its id is "<parent id>/<slug>".' })
  parent?: string | null;
}

const CreateSectorInput = creationInput(NewSectorFields, 'CreateSectorInput', 'A new sector, or a sub-sector of one: its id and name at least.');
const CreateSectorPayload = payloadType(SectorType as ClassType<Sector>, 'CreateSectorPayload', 'The sector as the creation left it.');
export const UpdateSectorInput = changeInput(SectorFields, 'UpdateSectorInput', 'A change to a sector.');
export const UpdateSectorPayload = payloadType(SectorType as ClassType<Sector>, 'UpdateSectorPayload', 'The sector as the change left it.');
const DeleteSectorPayload = payloadType(SectorType as ClassType<Sector>, 'DeleteSectorPayload', 'The sector as it was when deleted.');

/** The sector as the audit trail shows it: its GraphQL fields, links by id. */
const snapshot = (s: Sector) => ({
  name: s.name,
  parent: s.parent?.id ?? null,
  sectorFund: s.sectorFund?.id ?? null,
  federation: s.federation?.id ?? null,
  ...provenanceSnapshot(s),
});

/** The sector body `id` of `kind`, or BAD_USER_INPUT naming `field`. */
async function sectorBody(em: EntityManager, field: string, id: string, kind: PartyKind): Promise<Organisation> {
  const body = await em.findOne(Organisation, { id }, SHARED);
  if (!body || body.kind !== kind) throw badInput(field, `"${id}" is not a sector body of kind ${kind} (Query.sectorBodies).`);
  return body;
}

/** Sets the fields a write gives on `sector`, each checked; BAD_USER_INPUT names the field at fault. */
async function applyFields(sector: Sector, input: SectorFields, em: EntityManager) {
  if (input.name !== undefined) sector.name = checkedName('name', input.name);
  if (input.sectorFund !== undefined) sector.sectorFund = input.sectorFund === null ? null : await sectorBody(em, 'sectorFund', input.sectorFund, PartyKind.SECTOR_FUND);
  if (input.federation !== undefined) sector.federation = input.federation === null ? null : await sectorBody(em, 'federation', input.federation, PartyKind.SECTOR_FEDERATION);
  applyProvenance(sector, input, input.sources && (await sourcesOf(em, input.sources)), SECTOR_FIELDS, 'sector');
}

/** How sectors are written, by the mutations below and by imports. */
export const sectorWriter: RecordWriter<Sector, InstanceType<typeof CreateSectorInput>, void> = {
  type: 'Sector',
  entity: Sector,
  idRule: (input) => (input.parent ? childIdRule(input.parent) : undefined),
  required: ['name'],
  build: async (input, em) => {
    const sector = Object.assign(new Sector(), { id: input.id });
    if (input.parent) {
      const parent = await em.findOne(Sector, { id: input.parent }, SHARED);
      if (!parent || parent.parent) throw badInput('parent', `"${input.parent}" is not a sector (a sub-sector has no sub-sectors; Query.sectors).`);
      sector.parent = parent;
    }
    await applyFields(sector, input, em);
    return sector;
  },
  apply: applyFields,
  snapshot,
  namedBy: async (sector, em) => [
    ...(await namedLocally(em, 'Sector', sql`select id from conventions.sector where deleted_at is null and parent_id = ${sector.id}`)),
    ...(await namedLocally(em, 'FrameworkAgreement', sql`select a.id from conventions.framework_agreement a join conventions.agreement_sector l on l.agreement_id = a.id where a.deleted_at is null and l.sector_id = ${sector.id}`)),
    ...(await namedLocally(em, 'SpecificConvention', sql`select c.id from conventions.specific_convention c join conventions.convention_sector l on l.convention_id = c.id where c.deleted_at is null and l.sector_id = ${sector.id}`)),
  ],
  // the competence centres are the competence subgraph's
  namedElsewhere: (context, id) => namedThroughHub(context, 'sector', id, { competenceCentres: 'CompetenceCentre' }),
};

/** The writes of sectors: the Walloon and FWB governments and admins (data/rights.json). */
@Resolver()
export class SectorWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => CreateSectorPayload, {
    description: 'Adds a sector, or a sub-sector of one (`parent`). Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json), BAD_USER_INPUT (the field at fault).',
  })
  async createSector(@Arg('input', () => CreateSectorInput) input: InstanceType<typeof CreateSectorInput>, @Ctx() context: ConventionsContext) {
    checkRequired(sectorWriter, input);
    const record = await createRecord(context, {
      type: sectorWriter.type,
      entity: Sector,
      input,
      idRule: sectorWriter.idRule!(input),
      build: (em) => sectorWriter.build(input, em),
      snapshot,
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => UpdateSectorPayload, { description: 'Changes a sector. Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json), CONFLICT (another version), BAD_USER_INPUT (the field at fault).' })
  async updateSector(@Arg('input', () => UpdateSectorInput) input: InstanceType<typeof UpdateSectorInput>, @Ctx() context: ConventionsContext) {
    const record = await updateRecord(context, {
      type: 'Sector',
      entity: Sector,
      input,
      snapshot,
      apply: (sector, em) => applyFields(sector, input, em),
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => DeleteSectorPayload, {
    description:
      'Deletes a sector: it leaves every list and query, its tombstone stays in the audit trail and its id is never reused. Refused while a sub-sector, agreement, convention or competence centre names it (CONFLICT, naming them), and: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), NOT_FOUND.',
  })
  async deleteSector(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: ConventionsContext) {
    // asked before the record is locked: no row waits on another subgraph
    const centres = await sectorWriter.namedElsewhere!(context, input.id);
    const record = await deleteRecord(context, {
      type: 'Sector',
      entity: Sector,
      input,
      snapshot,
      namedBy: async (sector, em) => [...(await sectorWriter.namedBy!(sector, em)), ...centres],
    });
    return { record };
  }
}
