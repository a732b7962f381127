import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Source } from '@hub/kit';
import { SourcePage } from './source.entity';

/** The sources of `ids`, as a record keeps them, or BAD_USER_INPUT naming the first unknown one. */
export async function sourcesOf(em: EntityManager, ids: string[]): Promise<Source[]> {
  const pages = await em.find(SourcePage, { id: { $in: ids } });
  const byId = new Map(pages.map((page) => [page.id, page]));
  return ids.map((id, i) => {
    const page = byId.get(id);
    if (!page) throw badInput(`sources[${i}]`, `there is no source "${id}" (Query.sources).`);
    return { id: page.id, url: page.url, title: page.title, excerpt: page.excerpt };
  });
}

