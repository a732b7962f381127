import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { composeSupergraph, readSupergraph } from '../src/compose';

describe('checked-in schema', () => {
  it('matches what the code produces (run `npm run compose` after changing a type)', async () => {
    const { subgraphs, supergraph } = await composeSupergraph();
    for (const [name, sdl] of Object.entries(subgraphs)) {
      expect(readFileSync(path.join(repositoryRoot(), 'schema', `${name}.graphql`), 'utf8')).toBe(sdl);
    }
    expect(readSupergraph()).toBe(supergraph);
  });
});
