/** How much work a process takes on at once (MAX_IN_FLIGHT, MAX_QUEUED, QUEUE_WAIT_MS). */
export interface AdmissionLimits {
  /** Requests served at once. */
  maxInFlight: number;
  /** Requests waiting for one of those places; beyond, a request is refused at once. */
  maxQueued: number;
  /** How long a request waits for a place before it is refused. */
  queueWaitMs: number;
}

export const GATEWAY_ADMISSION: AdmissionLimits = { maxInFlight: 8, maxQueued: 64, queueWaitMs: 1000 };
// A subgraph serves several fetches of each gateway request: it admits more, so the gateway sheds first.
export const SUBGRAPH_ADMISSION: AdmissionLimits = { maxInFlight: 64, maxQueued: 256, queueWaitMs: 2000 };

/**
 * Bounds the requests a process works on at once: past `maxInFlight` a request waits its turn, at most
 * `queueWaitMs` and behind at most `maxQueued` others, and is otherwise refused at once (HTTP 503 and
 * Retry-After), so that under overload some requests are answered in time rather than all too late.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limits: AdmissionLimits) {}

  /** A function to call when the request is done, or null when it must be refused. */
  enter(): Promise<(() => void) | null> | (() => void) | null {
    if (this.running < this.limits.maxInFlight) {
      this.running++;
      return this.leave;
    }
    if (this.waiting.length >= this.limits.maxQueued) return null;
    return new Promise((resolve) => {
      const admit = () => {
        clearTimeout(timer);
        this.running++;
        resolve(this.leave);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(admit), 1);
        resolve(null);
      }, this.limits.queueWaitMs);
      this.waiting.push(admit);
    });
  }

  private readonly leave = () => {
    this.running--;
    this.waiting.shift()?.();
  };
}
