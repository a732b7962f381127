import { GraphQLError } from 'graphql';
import { ArgsType, Directive, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { ErrorCode } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'True when more items follow this page (ask again with `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items come before this page (ask again with `before: startCursor`); when paging forwards, true as soon as `after` is given.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null when the page is empty.' })
  endCursor!: string | null;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection', description: 'Ascending (A→Z, oldest first) or descending.' });

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, from the start or from \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (an `endCursor` or an edge `cursor`).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size, from the end or from \`before\` (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor before which the page ends (a `startCursor` or an edge `cursor`).' })
  before?: string | null;
}

/** A page request, checked: which way, how many, from which cursor. */
export interface PageRequest {
  size: number;
  backwards: boolean;
  cursor: string | null;
}

const badInput = (message: string, argument: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });

export function pageRequest(args: PageArgs): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('Give `first` or `last`, not both.', 'first');
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(`${name} is ${value}; a page holds 0 to ${MAX_PAGE_SIZE} items. Ask for the next page with \`after: endCursor\`.`, name);
    }
  }
  if (after != null && before != null) throw badInput('Give `after` or `before`, not both.', 'after');
  // a page is read one way: `first` from `after`, `last` back from `before`; a cursor the other way would be ignored
  if (first != null && before != null) throw badInput('Use `before` with `last`, or `after` with `first`.', 'before');
  if (last != null && after != null) throw badInput('Use `after` with `first`, or `before` with `last`.', 'after');
  const backwards = last != null || (before != null && first == null);
  return { size: (backwards ? last : first) ?? DEFAULT_PAGE_SIZE, backwards, cursor: (backwards ? before : after) ?? null };
}

/** One page of a list, as the resolvers hand it to GraphQL. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A getter: counted only when asked, with a separate statement. */
  readonly totalCount: Promise<number>;
}

/** The `XConnection` and `XEdge` types of a node type (Relay cursor connections). */
export function connectionType<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} and its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item: pass it as `after` or `before`. It stays valid while other items are added.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s, with its cursors and the total count.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of the page with their cursors.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The items of the page (the same as `edges { node }`).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether pages come before or after this one, and the cursors to ask for them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const ORDER_BY_DESCRIPTION = 'Keys of the order, applied in turn; the id breaks the remaining ties. By default: by relevance with a search, else by id.';

/**
 * The `XOrder` input of a list: one of its fields and a direction. A list takes several, applied in
 * turn; the id always breaks the remaining ties, so the order (and each cursor) is stable.
 */
export function orderInput<F extends Record<string, string>>(fields: F, name: string, descriptions: Record<keyof F, string>) {
  registerEnumType(fields, {
    name: `${name}OrderField`,
    description: `What ${name} lists can be ordered by.`,
    valuesConfig: Object.fromEntries(Object.entries(descriptions).map(([key, description]) => [key, { description }])) as never,
  });

  @InputType(`${name}Order`, { description: `One key of the order of a ${name} list.` })
  class Order {
    @Field(() => fields, { description: 'What to order by.' })
    field!: F[keyof F];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending (default) or descending.' })
    direction!: OrderDirection;
  }
  return Order;
}

/** The `XCount` type of a count query: one group, what its records share (`key`) and how many they are. */
export function countType(key: ClassType, name: string, what: string) {
  @ObjectType(name, { description: `How many ${what} a group holds.` })
  class Count {
    @Field(() => key, { description: 'What the group shares.' })
    key!: object;

    @Field(() => Int, { description: `How many ${what} it holds.` })
    count!: number;
  }
  return Count;
}
