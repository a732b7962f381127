import type DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, type ClassType } from 'type-graphql';
import { AuditEntry, historyLoader } from './audit';
import type { Context } from './context';
import { checkRequired, type RecordWriter } from './imports';
import { changeInput, createRecord, creationInput, deleteRecord, DeleteInput, payloadType, updateRecord, type WritableEntity } from './writes';

/** Each request's audit-trail loaders, by record type: made when a `history` field is first asked. */
const histories = new WeakMap<Context, Map<string, DataLoader<string, AuditEntry[]>>>();

/** The audit trail of records of `recordType` (`ValidationTitle`), batched for the request. */
export function historyOf(context: Context, recordType: string): DataLoader<string, AuditEntry[]> {
  const loaders = histories.get(context) ?? new Map<string, DataLoader<string, AuditEntry[]>>();
  histories.set(context, loaders);
  const loader = loaders.get(recordType) ?? historyLoader(context.em, recordType);
  loaders.set(recordType, loader);
  return loader;
}

/** What the mutations of one writable type need to be made. */
export interface RecordWritesOptions<E extends WritableEntity> {
  /** The GraphQL object type the payloads return (`ValidationTitleType`). */
  type: Function & { prototype: object };
  /** How its records are written: the same checks for the mutations and the import. */
  writer: RecordWriter<E>;
  /** The `<X>Fields` input: what a write sets. */
  fields: abstract new () => object;
  /** The record in words, for the descriptions: "validation title (titre de compétence)". */
  what: string;
  /** Who may write, for the descriptions: "the CVDC (data/rights.json)". */
  who: string;
}

/**
 * `create<X>`, `update<X>` and `delete<X>` of a writable type, with its inputs and payloads, and its
 * `history`: every step is the writer's (rights, fields, references, version, audit entry, all in one
 * transaction), as an import of the same records takes them.
 */
export function recordWrites<E extends WritableEntity>({ type, writer, fields, what, who }: RecordWritesOptions<E>) {
  const name = writer.type;
  const CreateInput = creationInput(fields, `Create${name}Input`, `A new ${what}: its id, ${writer.required.join(', ')} at least.`);
  const UpdateInput = changeInput(fields, `Update${name}Input`, `A change to a ${what}.`);
  const record = type as ClassType<E>;
  const CreatePayload = payloadType(record, `Create${name}Payload`, `The ${what} as the creation left it.`);
  const UpdatePayload = payloadType(record, `Update${name}Payload`, `The ${what} as the change left it.`);
  const DeletePayload = payloadType(record, `Delete${name}Payload`, `The ${what} as it was when deleted.`);
  const refusals = 'UNAUTHENTICATED, FORBIDDEN';

  @Resolver(() => type)
  class RecordWrites {
    @Authorized('editor', 'admin')
    @Mutation(() => CreatePayload, { name: `create${name}`, description: `Adds a ${what}. Written by ${who}. Refused: ${refusals}, BAD_USER_INPUT (the field at fault).` })
    async create(@Arg('input', () => CreateInput) input: InstanceType<typeof CreateInput>, @Ctx() context: Context) {
      checkRequired(writer, input);
      // asked before any row is locked: no row waits on another subgraph
      const references = await writer.references?.(context, input, true);
      const created = await createRecord(context, {
        type: name,
        entity: writer.entity,
        input,
        build: (em) => writer.build(input, em, references),
        link: async (saved, em) => writer.link?.(saved, input, em, true),
        snapshot: writer.snapshot,
      });
      return { record: created };
    }

    @Authorized('editor', 'admin')
    @Mutation(() => UpdatePayload, { name: `update${name}`, description: `Changes a ${what}. Written by ${who}. Refused: ${refusals}, CONFLICT (another version), BAD_USER_INPUT (the field at fault), NOT_FOUND.` })
    async update(@Arg('input', () => UpdateInput) input: InstanceType<typeof UpdateInput>, @Ctx() context: Context) {
      const references = await writer.references?.(context, input, false);
      const updated = await updateRecord(context, {
        type: name,
        entity: writer.entity,
        input,
        snapshot: writer.snapshot,
        apply: async (stored, em) => {
          await writer.apply(stored, input, em, references);
          await writer.link?.(stored, input, em);
        },
      });
      return { record: updated };
    }

    @Authorized('editor', 'admin')
    @Mutation(() => DeletePayload, {
      name: `delete${name}`,
      description: `Deletes a ${what}: it leaves every list, count and query, its tombstone stays in the audit trail and its id is never reused. Refused: ${refusals}, CONFLICT (another version, or a record still names it), NOT_FOUND.`,
    })
    async delete(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: Context) {
      const namedElsewhere = (await writer.namedElsewhere?.(context, input.id)) ?? [];
      const deleted = await deleteRecord(context, {
        type: name,
        entity: writer.entity,
        input,
        snapshot: writer.snapshot,
        namedBy: async (stored, em) => [...namedElsewhere, ...((await writer.namedBy?.(stored, em)) ?? [])],
      });
      return { record: deleted };
    }

    @FieldResolver(() => [AuditEntry], { description: 'Every change made to this record through the hub, oldest first; empty when none.' })
    history(@Root() stored: E, @Ctx() context: Context) {
      return historyOf(context, name).load(stored.id);
    }
  }
  return RecordWrites;
}
