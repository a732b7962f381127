import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import { repositoryRoot } from './reference-data';
import type { Context } from './context';
import { ErrorCode } from './errors';
import { isAnonymous, type Identity, type Role } from './identity';

/** What a write touches: a record of a GraphQL type, by id, and (for an update) the fields it changes. */
export interface WriteTarget {
  type: string;
  id: string;
  fields?: readonly string[];
  /** A deletion needs the type itself: a party edits its own record but may not delete it. */
  deletion?: boolean;
  /**
   * For a type whose organiser edits it (data/rights.json "organisedBy"), every organiser the write
   * touches: the one stored (a change, a deletion) and the one given (a creation, a change of organiser).
   */
  organisers?: readonly (string | null)[];
}

/** `data/rights.json`, as read: who may edit what (its "about" says how it reads). */
interface RightsFile {
  agencies: Record<string, string[]>;
  ownRecord: Record<string, { except: string[] }>;
  organisedBy: Record<string, string>;
}

const GRANT = /^[A-Z]\w*(\.\w+)?$/;

/** The refusal of a caller without credentials: sign in first. */
export const signInFirst = (what: string) =>
  new GraphQLError(`Sign in to ${what}: send a token (Authorization: Bearer …) or an API key (x-api-key).`, {
    extensions: { code: ErrorCode.UNAUTHENTICATED },
  });

/** The refusal of a signed-in caller who may not do this; the message names the caller and the record. */
export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });

/**
 * Who may edit which records: one data file (`data/rights.json`), read by every subgraph, so that no
 * resolver decides it by itself. `check` throws the refusal a write gets, or returns when it may go on.
 */
export class Rights {
  private constructor(private readonly file: RightsFile) {}

  /** The rights of `data/rights.json`, checked: a malformed file stops the start-up, naming the place. */
  static load(file = path.join(repositoryRoot(), 'data', 'rights.json')): Rights {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RightsFile>;
    const where = path.relative(process.cwd(), file);
    for (const [agency, grants] of Object.entries(parsed.agencies ?? {})) {
      if (!Array.isArray(grants) || grants.some((g) => typeof g !== 'string' || !GRANT.test(g))) {
        throw new Error(`${where}: agencies.${agency} must list types ("Sector") or type fields ("CompetenceCentre.label")`);
      }
    }
    for (const [type, own] of Object.entries(parsed.ownRecord ?? {})) {
      if (!GRANT.test(type) || !Array.isArray(own?.except)) throw new Error(`${where}: ownRecord.${type} must be { "except": [fields] }`);
    }
    for (const [type, field] of Object.entries(parsed.organisedBy ?? {})) {
      if (!GRANT.test(type) || typeof field !== 'string' || !/^[a-z]\w*$/.test(field)) throw new Error(`${where}: organisedBy.${type} must name the field holding the organiser ("organiser")`);
    }
    return new Rights({ agencies: parsed.agencies ?? {}, ownRecord: parsed.ownRecord ?? {}, organisedBy: parsed.organisedBy ?? {} });
  }

  /**
   * The field of `type` that names its organiser, when its organiser edits it (data/rights.json
   * "organisedBy"): a write of it is checked once the stored organiser is read.
   */
  organiserField(type: string): string | undefined {
    return this.file.organisedBy[type];
  }

  /** The organisers a write of `type` touches: the `stored` record's and the one `given`, read from its organiser field. */
  organisersOf(type: string, stored: object | null, given: object | null): (string | null)[] | undefined {
    const field = this.organiserField(type);
    if (!field) return undefined;
    const read = (record: object | null) => (record as Record<string, unknown> | null)?.[field];
    return [read(stored), read(given)].filter((value) => value !== undefined).map((value) => (typeof value === 'string' ? value : null));
  }

  /** Whether `identity` may make this write; throws UNAUTHENTICATED or FORBIDDEN naming who and what. */
  check(identity: Identity, target: WriteTarget): void {
    const record = `${target.type} "${target.id}"`;
    if (identity.role === 'admin') return;
    if (isAnonymous(identity)) throw signInFirst(`edit ${record}`);
    if (identity.role !== 'editor' || !identity.agency) throw forbidden(`A ${identity.role} may not edit ${record}: only editors and admins write.`);
    const agency = identity.agency;
    const grants = new Set(this.file.agencies[agency] ?? []);
    if (grants.has(target.type)) return;
    const own = this.file.ownRecord[target.type];
    if (own && target.id === agency && !target.deletion) {
      const withheld = (target.fields ?? []).filter((field) => own.except.includes(field) && !grants.has(`${target.type}.${field}`));
      if (withheld.length === 0) return;
      throw forbidden(`${agency} may edit its own ${record} but not its ${withheld.join(', ')}.`);
    }
    const organisedBy = this.file.organisedBy[target.type];
    const organisers = target.organisers ?? [];
    if (organisedBy && organisers.length > 0 && organisers.every((organiser) => organiser === agency)) return;
    const fields = target.fields ?? [];
    if (fields.length > 0 && fields.every((field) => grants.has(`${target.type}.${field}`))) return;
    const ownRecord = own ? ` and its own ${target.type} record${target.deletion ? ', which it may edit but not delete' : ''}` : '';
    const others = [...new Set(organisers.filter((organiser) => organiser !== agency))];
    const organised = organisedBy ? ` and the ${target.type} records it organises (${organisedBy}: ${others.map((o) => (o === null ? 'none' : `"${o}"`)).join(', ') || 'none'} here)` : '';
    throw forbidden(`${agency} may not ${target.deletion ? 'delete' : 'edit'} ${record}: data/rights.json gives it ${[...grants].join(', ') || 'no type'}${ownRecord}${organised}.`);
  }
}

/**
 * type-graphql's check of `@Authorized(roles)`: the caller's role must be one of them. It throws our own
 * refusals (UNAUTHENTICATED for an anonymous caller, FORBIDDEN for another role) rather than
 * type-graphql's, so that clients see the hub's codes.
 */
export const roleChecker: AuthCheckerFn<Context, Role> = ({ context, info }, roles) => {
  const { identity } = context;
  if (roles.length === 0 || roles.includes(identity.role)) return true;
  if (isAnonymous(identity)) throw signInFirst(`use ${info.fieldName}`);
  throw forbidden(`A ${identity.role} may not use ${info.fieldName}: it needs the role ${roles.join(' or ')}.`);
};
