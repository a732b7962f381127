import {
  getNamedType,
  GraphQLID,
  valueFromAST,
  isAbstractType,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a cached answer holds, as tags the write path's changes are matched against:
 * - `Type:id`: the record (of an entity type: one with an `id: ID!`); also under each interface or union it
 *   belongs to when the answer does not say its type (`Party:forem`);
 * - `Type:*`: some record of the type, for a change too large to name its records;
 * - `Type`: a set of the type's records: a list, a page, a count, a search, a lookup that found nothing or a
 *   record whose id the answer does not hold; any change of a record of the type may change it.
 * A change of `Type:id` removes the answers tagged `Type:id`, `Type` and the same for its interfaces and
 * unions (invalidationTags). Answers with a type that changes without a write (an import's progress) are
 * not cached.
 */
const VOLATILE_TYPES = new Set(['ImportJob']);

/** Every write adds an entry to the audit trail: answers holding a list of them change with any write. */
const AUDIT_TYPE = 'AuditEntry';

const isEntity = (type: GraphQLNamedType): type is GraphQLObjectType => {
  if (!isObjectType(type)) return false;
  const id = type.getFields().id?.type;
  return id !== undefined && isNonNullType(id) && getNamedType(id).name === 'ID';
};

/** A type whose values are records: an entity type, or an interface or union of them (Party). */
const isRecordType = (type: GraphQLNamedType): boolean => isEntity(type) || isAbstractType(type);

const holdsList = (type: GraphQLType): boolean => isListType(type) || (isNonNullType(type) && isListType(type.ofType));

/** What the schema says about caching its answers, worked out once per schema. */
class SchemaTags {
  private readonly fieldSets = new Map<GraphQLField<unknown, unknown>, readonly string[] | null>();
  private readonly supertypes = new Map<string, string[]>();

  constructor(readonly schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isAbstractType(type)) continue;
      for (const member of schema.getPossibleTypes(type)) this.supertypes.set(member.name, [...(this.supertypes.get(member.name) ?? []), type.name]);
    }
  }

  supertypesOf = (type: string) => this.supertypes.get(type) ?? [];

  /**
   * The types whose sets a field's value depends on: a list of records (`Type`), or, for a value that is not a
   * record (a page, a count, a key), every entity type it leads to and the type its `filter` argument names
   * (`conventionCounts(filter: SpecificConventionFilter)` counts SpecificConvention); null: a volatile type.
   */
  setsOf(field: GraphQLField<unknown, unknown>): readonly string[] | null {
    if (this.fieldSets.has(field)) return this.fieldSets.get(field)!;
    const named = getNamedType(field.type);
    let sets: string[] | null;
    if (VOLATILE_TYPES.has(named.name)) sets = null;
    else if (isRecordType(named)) sets = holdsList(field.type) ? [named.name] : [];
    else if (isCompositeType(named)) sets = this.reachable(named, field);
    else sets = [];
    this.fieldSets.set(field, sets);
    return sets;
  }

  /**
   * The collections a value that is not a record leads to: the entity types of its lists (a page's nodes,
   * its edges' nodes) and the type its field's `filter` names (`conventionCounts(filter:
   * SpecificConventionFilter)` counts conventions). A single record it names (a count's key) is tagged when
   * the answer selects it.
   */
  private reachable(start: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): string[] | null {
    const found = new Set<string>();
    const filter = field.args.find((arg) => arg.name === 'filter');
    const filtered = filter && getNamedType(filter.type);
    if (filtered && isInputObjectType(filtered)) {
      const type = this.schema.getType(filtered.name.replace(/Filter$/, ''));
      if (type && isRecordType(type)) found.add(type.name);
    }
    const seen = new Set<string>();
    const visit = (type: GraphQLNamedType, inList: boolean): boolean => {
      if (VOLATILE_TYPES.has(type.name)) return false;
      if (isRecordType(type)) return (inList && found.add(type.name), true);
      if (!isObjectType(type) || seen.has(type.name)) return true;
      seen.add(type.name);
      return Object.values(type.getFields()).every((f) => visit(getNamedType(f.type), inList || holdsList(f.type)));
    };
    if (!visit(start, false)) return null;
    // a value of its own kind that leads to no collection (the caller's Viewer): its type names it
    return found.size > 0 ? [...found] : [start.name];
  }
}

const schemas = new WeakMap<GraphQLSchema, SchemaTags>();
function schemaTags(schema: GraphQLSchema): SchemaTags {
  let info = schemas.get(schema);
  if (!info) schemas.set(schema, (info = new SchemaTags(schema)));
  return info;
}

/** The tags of an operation's answer (see above), or null when it must not be cached. */
export function answerTags(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  data: Record<string, unknown>,
): string[] | null {
  const info = schemaTags(schema);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const tags = new Set<string>();
  let cacheable = true;

  /** `looked`: the id a look-up asked for (`sector(id: "bois")`), for a record whose answer leaves its id out. */
  const visitRecord = (declared: GraphQLCompositeType, value: Record<string, unknown>, selectionSet: SelectionSetNode, looked: string | undefined) => {
    const typename = value.__typename;
    const type = typeof typename === 'string' && isObjectType(schema.getType(typename)) ? (schema.getType(typename) as GraphQLObjectType) : declared;
    if (isRecordType(type)) {
      const id = typeof value.id === 'string' ? value.id : looked;
      if (id !== undefined) tags.add(`${type.name}:${id}`).add(`${type.name}:*`);
      else tags.add(type.name);
    }
    visitSelections(type, value, selectionSet);
  };

  const visitSelections = (type: GraphQLCompositeType, value: Record<string, unknown>, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!cacheable) return;
      if (selection.kind !== Kind.FIELD) {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        // without __typename the answer does not say which fragment applied: the fields present did
        if (condition && isCompositeType(condition)) visitSelections(condition, value, fragment.selectionSet);
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      // a union has no fields of its own: only its fragments select any
      const field = 'getFields' in type ? type.getFields()[name] : undefined;
      const key = selection.alias?.value ?? name;
      if (!field || !(key in value)) continue;
      const sets = info.setsOf(field);
      if (sets === null) return void (cacheable = false);
      for (const set of sets) tags.add(set);
      const named = getNamedType(field.type);
      const fieldValue = value[key];
      if (!isCompositeType(named) || !selection.selectionSet) continue;
      const idArgument = selection.arguments?.find((arg) => arg.name.value === 'id');
      const looked = idArgument && !holdsList(field.type) ? valueFromAST(idArgument.value, GraphQLID, variables) : undefined;
      const lookedId = typeof looked === 'string' ? looked : undefined;
      // a look-up that found nothing: the record may be created (with that id)
      if (fieldValue === null && (isRecordType(named))) tags.add(lookedId === undefined ? named.name : `${named.name}:${lookedId}`);
      for (const item of [fieldValue].flat(Infinity)) {
        if (item !== null && typeof item === 'object') visitRecord(named, item as Record<string, unknown>, selection.selectionSet, lookedId);
      }
    }
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : null;
  if (!root) return null;
  visitSelections(root, data, operation.selectionSet);
  return cacheable ? [...tags] : null;
}

/**
 * The tags a change removes: for `Type:id` the record, the sets of its type, the same under each interface
 * and union of the type, and the audit trail's lists; `Type:*` likewise for every record of the type.
 */
export function invalidationTags(schema: GraphQLSchema, changes: readonly string[]): string[] {
  const info = schemaTags(schema);
  const tags = new Set<string>([AUDIT_TYPE]);
  for (const change of changes) {
    const at = change.indexOf(':');
    if (at <= 0) continue;
    const [type, id] = [change.slice(0, at), change.slice(at + 1)];
    for (const name of [type, ...info.supertypesOf(type)]) tags.add(`${name}:${id}`).add(name);
  }
  return [...tags];
}
