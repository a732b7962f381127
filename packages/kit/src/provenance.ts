import { Property, type EntityClass } from '@mikro-orm/postgresql';
import { raw, type Sql } from './sql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** A public page a fact was taken from. */
@ObjectType({ description: 'A public page a fact was taken from (source, with its URL and title).' })
@Directive('@shareable')
export class Source {
  @Field(() => ID, { description: 'Stable id of the source in the reference data, e.g. "S01".' })
  id!: string;

  @Field({ description: 'Address of the page.' })
  url!: string;

  @Field({ description: 'Title of the page, as published.' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The passage of the page the facts rest on, verbatim; separate passages are joined by " […] ". Null when no excerpt was recorded.',
  })
  excerpt!: string | null;
}

/**
 * Storage of provenance, shared by every sourced record: whether a source backs it, which fields lack
 * one, and the sources themselves (kept with the record: they are read with it, never on their own).
 */
export abstract class SourcedEntity {
  @Property({ default: true })
  verified: boolean = true;

  @Property({ type: 'text[]', default: '{}' })
  unverifiedFields: string[] = [];

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'json' })
  sources: Source[] = [];

  /** Set by the database when the row is inserted. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** Set by the database (trigger `hub_touch`) whenever the row really changes. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  /** Raised by every write through the API: an update names the version it read, so none is lost. */
  @Property({ default: 1 })
  version: number = 1;

  /** When the API last wrote this record (null: never): the reference data file no longer overwrites it. */
  @Property({ type: 'timestamptz', nullable: true })
  editedAt: Date | null = null;

  /** When the API deleted this record (null: live): every read leaves it out; its id stays taken and its tombstone is in the audit trail. */
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;

  /** A digest of the data file's record as last applied: a record edited since whose file record changed is a conflict. */
  @Property({ type: 'text', nullable: true })
  referenceHash: string | null = null;
}

/**
 * Adds the provenance fields every sourced record shows analysts. A class decorator, so the fields come
 * after the type's own (`id`, `name`, ...) in the schema and the explorer's documentation.
 */
export function Sourced(): ClassDecorator {
  return (type) => {
    const field = (name: string, returns: () => unknown, options: { nullable?: boolean; description: string }) =>
      Field(returns as never, options)(type.prototype, name);
    field('verified', () => Boolean, {
      description: 'False when no public source backs this record: treat it as reported, not established (non vérifié).',
    });
    field('unverifiedFields', () => [String], {
      description: 'The fields of this record (their GraphQL names, e.g. "managingBody") that no source backs; a listed field may be null, the note then says what was reported. Empty when every field is sourced.',
    });
    field('note', () => String, { nullable: true, description: 'Curator note: conflicts between sources, inferences, renamings. Null when there is none.' });
    field('sources', () => [Source], { description: 'The public pages this record rests on; empty when unverified.' });
    field('createdAt', () => Date, { description: 'When the hub first stored this record (set by the database).' });
    field('updatedAt', () => Date, { description: 'When the hub last stored a change to this record (set by the database; reloading unchanged data keeps it).' });
    field('version', () => Int, { description: 'Raised by every change made through the API: send the version you read with an update, which is refused (CONFLICT) if someone changed the record since.' });
  };
}

/** The rows of `entity`'s table (aliased `t`) a read sees: a deleted record's tombstone is never one of them. */
export const liveRows = (entity: EntityClass<object>): Sql => (entity.prototype instanceof SourcedEntity ? raw('t.deleted_at is null') : raw('true'));
