import { errorFields, LIST_SIZES_PATH, signRequest, SIGNATURE_HEADER, type Logger, type SubgraphName } from '@hub/kit';

/** How long a subgraph may take to say its list sizes. */
const ASK_TIMEOUT_MS = 5_000;
/** A backstop: sizes are read again this often even when no write was heard (rows changed behind the hub's back). */
const REFRESH_EVERY_MS = 60_000;
/** How soon a subgraph that did not answer is asked again. */
const RETRY_MS = 2_000;

/** The most items a list field holds now (`Sector`, `conventions`), or undefined when no subgraph says. */
export type SizeOf = (type: string, field: string) => number | undefined;

/** What the gateway knows of the lists the data holds, to estimate an operation's cost by (limits.ts). */
export interface KnownSizes {
  sizeOf: SizeOf;
  /** Whether every subgraph said its sizes at the last reading. */
  readonly complete: boolean;
}

/**
 * What each subgraph says its lists hold (list-sizes.ts in the kit): read when the gateway starts (it is
 * not ready before every subgraph said them), again after every write the change feed reports (before the
 * write answers) and every minute. A subgraph that cannot tell loses its sizes until it can: its lists
 * are then estimated by their page sizes, never by sizes that may be stale.
 */
export class ListSizeStore implements KnownSizes {
  private readonly sizes = new Map<SubgraphName, Record<string, number>>();
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly subgraphUrls: Record<SubgraphName, string>,
    private readonly secret: string,
    private readonly log: Logger,
  ) {}

  readonly sizeOf: SizeOf = (type, field) => {
    const coordinate = `${type}.${field}`;
    for (const sizes of this.sizes.values()) if (coordinate in sizes) return sizes[coordinate];
    return undefined;
  };

  get complete() {
    return this.sizes.size === Object.keys(this.subgraphUrls).length;
  }

  /** Whether every subgraph has said its sizes, asking again first when one has not (the gateway's readiness). */
  async known(): Promise<boolean> {
    if (!this.complete) await this.refresh();
    return this.complete;
  }

  /** Reads every subgraph's sizes; a call made while a reading runs waits for the next one, which sees every write committed before the call. */
  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.readAll().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.refresh();
    });
    return this.queued;
  }

  start() {
    this.timer = setInterval(() => void this.refresh(), REFRESH_EVERY_MS);
    this.timer.unref();
    return this.refresh();
  }

  stop() {
    clearInterval(this.timer);
    clearTimeout(this.retry);
  }

  private async readAll() {
    await Promise.all(
      (Object.entries(this.subgraphUrls) as [SubgraphName, string][]).map(async ([name, url]) => {
        try {
          this.sizes.set(name, await this.ask(url));
        } catch (error) {
          if (this.sizes.delete(name)) this.log.error(`the ${name} subgraph did not say its list sizes: its lists are estimated by their page sizes until it does`, { err: errorFields(error) });
        }
      }),
    );
    // a subgraph not up yet (the gateway may start first) is asked again soon, not in a minute
    if (this.sizes.size < Object.keys(this.subgraphUrls).length && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.refresh();
      }, RETRY_MS);
      this.retry.unref();
    }
  }

  private async ask(subgraphUrl: string): Promise<Record<string, number>> {
    const requestId = 'list-sizes';
    const signature = signRequest(this.secret, { method: 'GET', path: LIST_SIZES_PATH, requestId, identity: '', body: '' });
    const response = await fetch(new URL(LIST_SIZES_PATH, subgraphUrl), { headers: { [SIGNATURE_HEADER]: signature, 'x-request-id': requestId }, signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { sizes } = (await response.json()) as { sizes?: unknown };
    if (typeof sizes !== 'object' || sizes === null || !Object.values(sizes).every((n) => Number.isInteger(n) && n >= 0)) throw new Error('not a list of sizes');
    return sizes as Record<string, number>;
  }
}
