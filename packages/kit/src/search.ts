import { GraphQLError } from 'graphql';
import { Index, Property } from '@mikro-orm/postgresql';
import { ErrorCode } from './errors';
import { foldText } from './fold';
import { raw, sql, type Sql } from './sql';

/**
 * Database-wide functions every subgraph's tables use (in `public`, like the extensions): text folded for
 * search (lower case, no accents), the days a partial date spans, and the trigger that keeps `updated_at` honest. Idempotent; run at
 * start-up before the migrations, under a database-wide lock.
 */
export const SHARED_SQL = [
  `create extension if not exists unaccent with schema public`,
  `create extension if not exists pg_trgm with schema public`,
  // pg_trgm prices a word-similarity test like a cheap operator, so the planner may prefer scanning every
  // row (2.2 s on 100,000 conventions) to the trigram index (0.3 s): tell it what the test costs
  `alter function public.word_similarity_commutator_op(text, text) cost 100`,
  `alter function public.word_similarity(text, text) cost 100`,
  // immutable (unaccent itself is only stable) so that generated columns and indexes may use it
  `create or replace function public.hub_fold(text) returns text language sql immutable parallel safe strict
     as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
  `create or replace function public.hub_search_text(text[]) returns text language sql immutable parallel safe
     as $$ select public.hub_fold(array_to_string($1, ' ')) $$`,
  `create or replace function public.hub_words(text[]) returns text language sql immutable parallel safe
     as $$ select array_to_string($1, ' ') $$`,
  // the first and last day a partial date ("2010", "2011-12", "2011-12-09") may stand for
  `create or replace function public.hub_first_day(text) returns date language sql immutable parallel safe strict
     as $$ select case length($1) when 4 then ($1 || '-01-01')::date when 7 then ($1 || '-01')::date else $1::date end $$`,
  `create or replace function public.hub_last_day(text) returns date language sql immutable parallel safe strict
     as $$ select case length($1) when 4 then ($1 || '-12-31')::date
                                  when 7 then (($1 || '-01')::date + interval '1 month' - interval '1 day')::date else $1::date end $$`,
  // a write that changes nothing (reloading the same reference data) keeps its updated_at; generated
  // columns are left out of the comparison, as they are not computed yet in a BEFORE trigger
  `create or replace function public.hub_touch() returns trigger language plpgsql as $$
     begin
       if (to_jsonb(new) - 'search_text') is distinct from (to_jsonb(old) - 'search_text') then new.updated_at := now(); end if;
       return new;
     end $$`,
];

/** The migration statement that makes `updated_at` of a table follow its changes. */
export const touchTrigger = (table: string) =>
  `create trigger ${table.replace('.', '_')}_touch before update on ${table} for each row execute function public.hub_touch();`;

/**
 * The expression of a `search_text` generated column over the given columns (array columns wrapped as
 * `hub_words(column)`), written as PostgreSQL prints it back so that the schema diff stays empty.
 */
export const searchTextColumn = (parts: string[]) => `(hub_search_text(ARRAY[${parts.join(', ')}])) stored`;

/**
 * Makes an entity searchable: a `search_text` column the database generates from `columns` (folded:
 * lower case, no accents), with a trigram index that serves `searchMatches`.
 */
export function Searchable(table: string, columns: string[]): ClassDecorator {
  return (type) => {
    Property({ type: 'text', generated: searchTextColumn(columns), lazy: true, hidden: true, nullable: true })(type.prototype, 'searchText');
    Index({ name: `${table}_search_text_index`, expression: (t: unknown, _columns: unknown, name: string) => `create index "${name}" on ${t} using gin ("search_text" gin_trgm_ops)` })(type);
  };
}

/**
 * An index serving one order of a large list (its first page is then read from the index, not sorted):
 * `keys` are the order keys as the list writes them (see `textKey`, `ID_KEY` in list.ts), without `t.`.
 */
export function OrderIndex(name: string, keys: string[]): ClassDecorator {
  return (type) => {
    Index({ name, expression: (t: unknown, _columns: unknown, index: string) => `create index "${index}" on ${t} (${keys.map((k) => `(${k})`).join(', ')})` })(type);
  };
}

/** What the `search` argument is split into: words folded like the stored text, at least two characters. */
export function searchWords(search: string): string[] {
  const words = foldText(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  if (words.length === 0) {
    throw new GraphQLError(`search "${search.slice(0, 100)}" has no word of two letters or digits to look for.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'filter.search' },
    });
  }
  return words.slice(0, 10);
}

/**
 * Rows whose search text holds every word, allowing typos: the word as it is (a cheap substring test)
 * or a close one (trigram word similarity); both are served by the `search_text` GIN index, and the
 * costly similarity is only computed for rows without the exact word. "technifutr" finds "Technifutur",
 * "metiers" finds "Métiers".
 */
export function searchMatches(searchText: Sql, words: string[]): Sql {
  return words.map((word) => sql`(${searchText} like ${`%${word}%`} or ${searchText} %> ${word})`).reduce((all, one) => sql`${all} and ${one}`);
}

/**
 * Relevance from 0 to 1, averaged over the words: 1 for a word in the name, 0.8 elsewhere in the text;
 * for a word found only by similarity, how close it comes, a match in the name counting more.
 */
export function searchScore(searchText: Sql, name: Sql, words: string[]): Sql {
  const perWord = words.map(
    (word) => sql`(case when hub_fold(${name}) like ${`%${word}%`} then 1 when ${searchText} like ${`%${word}%`} then 0.8
      else greatest(word_similarity(${word}, hub_fold(${name})), 0.8 * word_similarity(${word}, ${searchText})) end)`,
  );
  return sql`((${perWord.reduce((sum, one) => sql`${sum} + ${one}`)}) / ${raw(String(words.length))})`;
}
