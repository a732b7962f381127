import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';

/**
 * A piece of SQL with its parameters as `?` placeholders, built with the `sql` template tag so values are
 * never spliced into the text by hand. Lists (ids, filters, pages) are assembled from such pieces.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

/** sql`t.id = any(${ids})`: interpolated Sql pieces are inlined, anything else becomes a parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.values);
    } else if (Array.isArray(value)) {
      // MikroORM inlines an array parameter as "a, b, c": an explicit array works for none as well
      text += 'array[?]::text[]';
      params.push(value.map(String));
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

/** Trusted SQL text (identifiers, keywords) written by this code base, never by a client. */
export const raw = (text: string) => new Sql(text, []);

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.values));
}

export const and = (parts: readonly Sql[]) => (parts.length === 0 ? raw('true') : joinSql(parts.map((p) => sql`(${p})`), ' and '));
export const or = (parts: readonly Sql[]) => (parts.length === 0 ? raw('false') : joinSql(parts.map((p) => sql`(${p})`), ' or '));

/** Runs a statement on the request's entity manager, so it is counted against the request like any other. */
export function query<R = Record<string, unknown>>(em: EntityManager, statement: Sql): Promise<R[]> {
  return em.execute(statement.text, [...statement.values], 'all', em.getLoggerContext()) as Promise<R[]>;
}

/** The schema-qualified table of an entity, for a statement of its own. */
export function tableOf(em: EntityManager, entity: EntityClass<object>): Sql {
  const meta = em.getMetadata().get(entity.name);
  return raw(`"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`);
}

/** The column of an entity's `property`, on the table aliased `alias`. */
export function columnOf(em: EntityManager, entity: EntityClass<object>, property: string, alias = 't'): Sql {
  return raw(`${alias}."${em.getMetadata().get(entity.name).properties[property as never].fieldNames[0]}"`);
}
