import { parse, type OperationDefinitionNode } from 'graphql';
import { operationDepth } from './depth-limit';

const depth = (query: string) => {
  const document = parse(query);
  return operationDepth(document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode);
};

describe('operation depth', () => {
  it('counts nested fields, not __typename', () => {
    expect(depth(`{ sector { parent { parent { name __typename } } } }`)).toBe(4);
  });

  it('follows fragments, inline or named, once each', () => {
    expect(depth(`{ sector { ...up } } fragment up on Sector { parent { ... on Sector { parent { name } } } }`)).toBe(4);
    expect(depth(`{ sector { ...a } } fragment a on Sector { parent { ...a } }`)).toBe(2);
  });
});
