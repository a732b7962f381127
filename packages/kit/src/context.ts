import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Identity } from './identity';
import type { AskHub } from './hub-client';
import type { Rights } from './rights';

/** A request's state: its own entity manager and loaders, never shared between requests. */
export interface Context<Loaders = any> {
  /** The gateway's id of the request, in logs and error reports. */
  requestId: string;
  /** Who is asking, as the gateway verified it (anonymous readers too). */
  identity: Identity;
  /** The subgraph serving the request (its writes are audited under this name). */
  subgraph: string;
  /** Who may edit what (data/rights.json), read once at start-up. */
  rights: Rights;
  /** Asks the gateway about records other subgraphs own (a write's references). */
  askHub: AskHub;
  /** Counts this subgraph request's SQL statements (one gateway request may call a subgraph several times). */
  statementKey: string;
  em: EntityManager;
  loaders: Loaders;
}

const madeIds = new WeakMap<IncomingHttpHeaders, string>();

/**
 * The id the gateway gave the request (so subgraph logs and counts match it), or a new one: the same one
 * for every call with the same request's headers (its logs, its context, its error answers).
 */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  if (typeof given === 'string' && /^[\w-]{1,64}$/.test(given)) return given;
  const made = madeIds.get(headers) ?? randomUUID();
  madeIds.set(headers, made);
  return made;
}

/** The only place a subgraph request's state is made. */
export function createContext<Loaders>(
  orm: MikroORM,
  createLoaders: (em: EntityManager) => Loaders,
  request: Pick<Context, 'requestId' | 'identity' | 'subgraph' | 'rights' | 'askHub'>,
): Context<Loaders> {
  const statementKey = randomUUID();
  const em = orm.em.fork({ loggerContext: { requestId: request.requestId, statementKey } }) as EntityManager;
  return { ...request, statementKey, em, loaders: createLoaders(em) };
}
