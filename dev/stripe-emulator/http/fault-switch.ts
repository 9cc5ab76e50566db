import type { THttpMethod } from './router';

/**
 * What goes wrong: `reset` closes the connection without an answer (what a client sees as a
 * timeout or ECONNRESET), `server_error` answers 500 `api_error`.
 */
export type TFaultAction = 'reset' | 'server_error';

/**
 * When it goes wrong: `before` the emulator does anything (Stripe never saw the request), or
 * `after` it did the work and stored the response under the request's Idempotency-Key (Stripe
 * made the object, the answer was lost). A client cannot tell the two apart; that is the point.
 */
export type TFaultTiming = 'before' | 'after';

export type TFaultSpec = {
  method: THttpMethod;
  /** An API path, `:name` segments match one segment: `/v1/checkout/sessions/:id/expire`. */
  path: string;
  action: TFaultAction;
  when: TFaultTiming;
  /** How many matching requests it spoils; unset: every one until cleared. */
  count?: number;
};

export type TFault = TFaultSpec & { id: number; hits: number };

/**
 * Network and server faults for tests, armed through `/_emulator/faults`: a matching API
 * request is spoiled once per remaining count. Kept in memory only; a restart clears them.
 */
export class FaultSwitch {
  private readonly faults: (TFault & { pattern: RegExp })[] = [];
  private nextId = 1;

  add(spec: TFaultSpec): TFault {
    const source = spec.path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const fault = { ...spec, id: this.nextId++, hits: 0, pattern: new RegExp(`^${source}/?$`) };
    this.faults.push(fault);
    return this.describe(fault);
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): TFault[] {
    return this.faults.map((fault) => this.describe(fault));
  }

  /** The fault this request trips, used up by one; null when none applies. */
  take(method: string, pathname: string): TFault | null {
    const fault = this.faults.find((f) => f.method === method && f.pattern.test(pathname) && (f.count === undefined || f.hits < f.count));
    if (!fault) return null;
    fault.hits += 1;
    return this.describe(fault);
  }

  private describe({ pattern: _pattern, ...fault }: TFault & { pattern: RegExp }): TFault {
    return { ...fault };
  }
}
