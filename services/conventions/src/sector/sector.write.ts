import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput, checkedName, checkedUnverifiedFields, checkSourced, Organisation, PartyKind, RecordChangeInput, updateRecord } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { sourcesOf } from '../source/sources';
import { Sector } from './sector.entity';
import { SectorType } from './sector.type';

/** The fields of a sector that `unverifiedFields` may name (its GraphQL names). */
const SECTOR_FIELDS = ['name', 'sectorFund', 'federation'];

@InputType({ description: 'A change to a sector: the fields given are set (null clears a link), the others kept.' })
export class UpdateSectorInput extends RecordChangeInput {
  @Field({ nullable: true, description: 'The sector’s name, as published.' })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Its sector training fund: the id of a sector body of kind SECTOR_FUND; null when none is known.' })
  sectorFund?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its employers federation: the id of a sector body of kind SECTOR_FEDERATION; null when none is known.' })
  federation?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The ids of the public pages (`Query.sources`) the sector rests on: at least one when it is verified.' })
  sources?: string[];

  @Field({ nullable: true, description: 'False when no public source backs the sector.' })
  verified?: boolean;

  @Field(() => [String], { nullable: true, description: `The fields no source backs: ${SECTOR_FIELDS.join(', ')}.` })
  unverifiedFields?: string[];

  @Field(() => String, { nullable: true, description: 'Curator note: conflicts between sources, inferences.' })
  note?: string | null;
}

@ObjectType({ description: 'The sector as the change left it.' })
export class UpdateSectorPayload {
  @Field(() => SectorType)
  record!: Sector;
}

/** The sector as the audit trail shows it: its GraphQL fields, links by id. */
const snapshot = (s: Sector) => ({
  name: s.name,
  sectorFund: s.sectorFund?.id ?? null,
  federation: s.federation?.id ?? null,
  sources: s.sources.map((source) => source.id),
  verified: s.verified,
  unverifiedFields: s.unverifiedFields,
  note: s.note,
});

/** The sector body `id` of `kind`, or BAD_USER_INPUT naming `field`. */
async function sectorBody(em: EntityManager, field: string, id: string, kind: PartyKind): Promise<Organisation> {
  const body = await em.findOne(Organisation, { id });
  if (!body || body.kind !== kind) throw badInput(field, `"${id}" is not a sector body of kind ${kind} (Query.sectorBodies).`);
  return body;
}

/** The writes of sectors: the Walloon and FWB governments and admins (data/rights.json). */
@Resolver()
export class SectorWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => UpdateSectorPayload, { description: 'Changes a sector. Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json), CONFLICT (another version), BAD_USER_INPUT (the field at fault).' })
  async updateSector(@Arg('input') input: UpdateSectorInput, @Ctx() context: ConventionsContext): Promise<UpdateSectorPayload> {
    const fields = Object.keys(input).filter((key) => key !== 'id' && key !== 'version' && input[key as keyof UpdateSectorInput] !== undefined);
    const record = await updateRecord(context, {
      type: 'Sector',
      entity: Sector,
      id: input.id,
      version: input.version,
      fields,
      snapshot,
      apply: async (sector, em) => {
        if (input.name !== undefined) sector.name = checkedName('name', input.name);
        if (input.sectorFund !== undefined) sector.sectorFund = input.sectorFund === null ? null : await sectorBody(em, 'sectorFund', input.sectorFund, PartyKind.SECTOR_FUND);
        if (input.federation !== undefined) sector.federation = input.federation === null ? null : await sectorBody(em, 'federation', input.federation, PartyKind.SECTOR_FEDERATION);
        if (input.sources !== undefined) sector.sources = await sourcesOf(em, input.sources);
        if (input.verified !== undefined) sector.verified = input.verified;
        if (input.unverifiedFields !== undefined) sector.unverifiedFields = checkedUnverifiedFields(input.unverifiedFields, SECTOR_FIELDS, 'sector');
        if (input.note !== undefined) sector.note = input.note;
        checkSourced(sector, 'sector');
      },
    });
    return { record };
  }
}
