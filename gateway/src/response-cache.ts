import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import { cacheInvalidations, cacheLookups, canonical, encodeIdentity, HUB_CALLER, isAnonymous, type Identity, type Logger, type ResponseCacheConfig } from '@hub/kit';
import { answerTags, invalidationTags } from './cache-tags';

/**
 * Where answers are kept. `epoch` counts invalidations: an answer computed while one happened may hold what
 * it removed, so it is stored only if the epoch read before computing it is still current.
 */
interface CacheStore {
  lookup(key: string): Promise<{ entry: string | null; epoch: string }>;
  /** Keeps `entry` under `key` and its tags unless an invalidation came since `epoch`; whether it did. */
  store(key: string, entry: string, tags: string[], epoch: string, ttlMs: number): Promise<boolean>;
  /** Removes the entries holding any of `tags`; how many it removed. */
  invalidate(tags: string[]): Promise<number>;
  close(): Promise<void>;
}

/** In this process: a map in least-recently-used order, and an index from each tag to its entries. */
class MemoryStore implements CacheStore {
  private readonly entries = new Map<string, { entry: string; tags: string[]; expires: number }>();
  private readonly byTag = new Map<string, Set<string>>();
  private epoch = 0;

  constructor(private readonly maxEntries: number) {}

  async lookup(key: string) {
    const found = this.entries.get(key);
    const live = found && found.expires > Date.now() ? found : undefined;
    if (found && !live) this.remove(key);
    if (live) {
      // moved to the end of the map: the most recently used (its tags still point at it)
      this.entries.delete(key);
      this.entries.set(key, live);
    }
    return { entry: live?.entry ?? null, epoch: String(this.epoch) };
  }

  async store(key: string, entry: string, tags: string[], epoch: string, ttlMs: number) {
    if (epoch !== String(this.epoch)) return false;
    this.remove(key);
    this.entries.set(key, { entry, tags, expires: Date.now() + ttlMs });
    for (const tag of tags) this.byTag.set(tag, (this.byTag.get(tag) ?? new Set()).add(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.remove(oldest);
    }
    return true;
  }

  async invalidate(tags: string[]) {
    this.epoch += 1;
    const keys = tags.flatMap((tag) => [...(this.byTag.get(tag) ?? [])]);
    const before = this.entries.size;
    for (const key of keys) this.remove(key);
    return before - this.entries.size;
  }

  private remove(key: string) {
    const found = this.entries.get(key);
    if (!found) return;
    this.entries.delete(key);
    for (const tag of found.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  async close() {}
}

// Both run inside Redis, so no gateway sees an entry stored after an invalidation that should have removed it.
const STORE_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 1`;
const INVALIDATE_SCRIPT = `
redis.call('INCR', KEYS[1])
local removed = 0
for i = 2, #KEYS do
  local entries = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #entries, 1000 do
    removed = removed + redis.call('UNLINK', unpack(entries, j, math.min(j + 999, #entries)))
  end
  redis.call('UNLINK', KEYS[i])
end
return removed`;

/**
 * In Redis (REDIS_URL): every gateway using it shares the entries, their tags and the epoch. Its keys start
 * with `hub:response-cache:<namespace>:`, so hubs sharing one Redis (tests, staging) never share answers.
 */
class RedisStore implements CacheStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly epochKey: string;

  constructor(url: string, namespace: string, log: Logger) {
    this.prefix = `hub:response-cache:${namespace}:`;
    this.epochKey = `${this.prefix}epoch`;
    // a Redis that does not answer makes the cache step aside at once (lookups fail fast), not wait
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
    let reported = false;
    this.redis.on('error', (error) => {
      if (!reported) log.error(`the response cache's Redis does not answer (${error.message}): answers are computed uncached until it does`);
      reported = true;
    });
    this.redis.on('ready', () => (reported = false));
  }

  private entryKey = (key: string) => `${this.prefix}entry:${key}`;
  private tagKey = (tag: string) => `${this.prefix}tag:${tag}`;

  async lookup(key: string) {
    const [epoch, entry] = await this.redis.mget(this.epochKey, this.entryKey(key));
    return { entry, epoch: epoch ?? '0' };
  }

  async store(key: string, entry: string, tags: string[], epoch: string, ttlMs: number) {
    return (await this.redis.eval(STORE_SCRIPT, 2 + tags.length, this.epochKey, this.entryKey(key), ...tags.map(this.tagKey), epoch, entry, ttlMs)) === 1;
  }

  async invalidate(tags: string[]) {
    return Number(await this.redis.eval(INVALIDATE_SCRIPT, 1 + tags.length, this.epochKey, ...tags.map(this.tagKey)));
  }

  async close() {
    this.redis.disconnect();
  }
}

/** Who may share an answer: every anonymous caller; a signed-in caller only with its own credential. */
const visibility = (identity: Identity) => (isAnonymous(identity) ? 'public' : encodeIdentity(identity));

/** What the cache keeps per request. */
export interface CachedRequestContext {
  identity: Identity;
  /** How this request met the cache: a hit, a miss (its answer offered to the cache), or bypassed. */
  cache?: { outcome: 'hit' | 'miss' | 'bypass'; key?: string; epoch?: string };
}

/**
 * The gateway's response cache for queries: keyed by the document, the operation, the variables and who may
 * see the answer; entries tagged with the records and sets they hold (cache-tags.ts) and removed when the
 * write path publishes a change of one of them (POST /hub/changes), the TTL being only a backstop. An
 * answer with an error (a subgraph unavailable) is never kept. Subgraphs' own checks during a write
 * (the hub as caller) always go past it.
 */
export class ResponseCache {
  private readonly store: CacheStore;
  /** The gateway's schema, which expands a change to the interfaces of its type (ResponseCache.watch). */
  private schema: GraphQLSchema | undefined;

  /** `namespace`: the same for every replica of one hub, another for any other hub (their shared secret's digest). */
  constructor(
    private readonly config: ResponseCacheConfig,
    namespace: string,
    private readonly log: Logger,
  ) {
    this.store = config.redisUrl ? new RedisStore(config.redisUrl, namespace, log) : new MemoryStore(config.maxEntries);
  }

  /** Keeps the schema the gateway serves, from its first load on. */
  watch(gateway: ApolloGateway) {
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (this.schema = apiSchema));
  }

  /** Removes the answers holding what the write path changed (`Type:id`, `Type:*`); how many. */
  async invalidate(changes: string[]): Promise<number> {
    if (!this.schema) throw new Error('the response cache hears changes only once the gateway has loaded its schema');
    cacheInvalidations.inc({ kind: 'changes' }, changes.length);
    const removed = await this.store.invalidate(invalidationTags(this.schema, changes));
    cacheInvalidations.inc({ kind: 'entries' }, removed);
    return removed;
  }

  close = () => this.store.close();

  plugin<TContext extends CachedRequestContext>(): ApolloServerPlugin<TContext> {
    const cache = this;
    return {
      async requestDidStart() {
        return {
          async responseForOperation({ operation, contextValue, queryHash, operationName, request, response }) {
            contextValue.cache = { outcome: 'bypass' };
            if (operation.operation !== 'query' || contextValue.identity === HUB_CALLER) return null;
            const key = createHash('sha256')
              .update(canonical([queryHash, operationName ?? null, request.variables ?? {}, visibility(contextValue.identity)]))
              .digest('base64url');
            let found;
            try {
              found = await cache.store.lookup(key);
            } catch (error) {
              cache.log.error(`response cache lookup failed: ${(error as Error).message}`);
              return null;
            }
            if (found.entry === null) {
              contextValue.cache = { outcome: 'miss', key, epoch: found.epoch };
              return null;
            }
            contextValue.cache = { outcome: 'hit' };
            return { http: response.http, body: { kind: 'single', singleResult: JSON.parse(found.entry) } };
          },
          async willSendResponse({ contextValue, response, document, operation, schema, request }) {
            const state = contextValue.cache;
            if (!state) return; // refused before it ran
            cacheLookups.inc({ outcome: state.outcome });
            const shared = isAnonymous(contextValue.identity) ? 'public' : 'private';
            response.http.headers.set('x-cache', state.outcome.toUpperCase());
            if (response.body.kind !== 'single' || state.outcome === 'bypass') return;
            const { singleResult } = response.body;
            if (state.outcome === 'hit') return void response.http.headers.set('cache-control', `${shared}, no-cache`);
            const tags = !singleResult.errors && singleResult.data && document && operation ? answerTags(schema, document, operation, request.variables ?? {}, singleResult.data) : null;
            if (!tags) return;
            // browsers and proxies may keep it, but ask again each time (If-None-Match: 304 when unchanged)
            response.http.headers.set('cache-control', `${shared}, no-cache`);
            try {
              await cache.store.store(state.key!, JSON.stringify(singleResult), tags, state.epoch!, cache.config.ttlSeconds * 1000);
            } catch (error) {
              cache.log.error(`response cache store failed: ${(error as Error).message}`);
            }
          },
        };
      },
    };
  }
}
