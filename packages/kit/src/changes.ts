import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from './log';
import { postToGateway } from './hub-client';

/**
 * What the write path tells the gateway's response cache once a transaction has committed: `Type:id` for
 * each record it wrote, `Type:*` for a type it wrote too many records of to name them.
 */
export type Change = `${string}:${string}`;

/** Past this many records of one type, a transaction's changes name the type rather than each record. */
const MAX_IDS_PER_TYPE = 500;

/** The route of the gateway that hears them, signed like the subgraphs' other calls to it. */
export const CHANGES_PATH = '/hub/changes';

/** How long a subgraph waits for the gateway to hear a change before it answers the write anyway. */
const PUBLISH_TIMEOUT_MS = 5_000;

/** The records written in each open transaction (keyed by the transaction itself), until it commits. */
const written = new WeakMap<object, Map<string, Set<string>>>();

/** Notes that the transaction of `em` writes the record `type` `id` (the audit trail does, for every write). */
export function noteWrite(em: EntityManager, type: string, id: string) {
  const transaction = em.getTransactionContext();
  if (!transaction) return;
  const byType = written.get(transaction) ?? new Map<string, Set<string>>();
  written.set(transaction, byType);
  byType.set(type, (byType.get(type) ?? new Set()).add(id));
}

/** A transaction's writes as changes: each record, or its type when it wrote many of them. */
function changesOf(byType: Map<string, Set<string>>): Change[] {
  return [...byType].flatMap(([type, ids]) => (ids.size > MAX_IDS_PER_TYPE ? [`${type}:*` as Change] : [...ids].map((id) => `${type}:${id}` as Change)));
}

export type PublishChanges = (changes: Change[]) => Promise<void>;

/**
 * Publishes a transaction's writes once it has committed, and before the write's answer leaves (MikroORM
 * awaits the hook inside `transactional`): a client that reads after its write was acknowledged never
 * gets a cached answer from before it. A rolled-back transaction publishes nothing.
 */
export class ChangeFeed implements EventSubscriber {
  constructor(private readonly publish: PublishChanges) {}

  async afterTransactionCommit({ transaction }: TransactionEventArgs) {
    const byType = transaction && written.get(transaction);
    if (!byType) return;
    written.delete(transaction);
    await this.publish(changesOf(byType));
  }
}

/**
 * Sends changes to the gateway (POST /hub/changes, signed with SUBGRAPH_SECRET). The write has committed
 * whatever happens: a gateway that does not hear it is logged, and its cache entries then live at most
 * their TTL.
 */
export function publishToGateway(gatewayUrl: string, secret: string, log: Logger): PublishChanges {
  const url = new URL(CHANGES_PATH, gatewayUrl);
  return async (changes) => {
    try {
      const response = await postToGateway(url, secret, { changes }, '', PUBLISH_TIMEOUT_MS);
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    } catch (error) {
      log.error(`the gateway did not hear ${changes.length} committed change(s): its cached answers that hold them stay until their TTL`, {
        changes: changes.slice(0, 20),
        err: { message: (error as Error).message },
      });
    }
  };
}
