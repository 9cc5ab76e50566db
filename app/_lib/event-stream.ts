import 'server-only';
import type { TEvent } from '@/db/schema';
import { z } from 'zod';
import { parseOrThrow } from '@/app/_lib/http';
import { AppError } from '@/lib/errors/app-error';
import { EVENT_STREAM_START, formatEventCursor, ZEventPosition, type TEventCursor } from '@/lib/events/event-cursor';
import { readEventsAfter, resolveEventPosition, type TEventScope } from '@/lib/events/read-events';
import { claimStreamLease, releaseStreamLease, renewStreamLease, STREAM_LEASE_MS } from '@/lib/events/stream-leases';

const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/** Open streams one user may hold across every web instance (a browser opens at most six per host anyway). */
export const MAX_STREAMS_PER_USER = 6;
/** Open streams in this process: each polls the database, so they are what a flood would multiply. */
export const MAX_STREAMS_PER_PROCESS = 500;
/** How often a stream checks that its session is still signed in and still allowed to see it, and renews its lease. */
export const REAUTHORIZE_EVERY_MS = 10_000;

export type TStreamLimits = { perUser: number; perProcess: number; reauthorizeEveryMs: number; leaseMs: number };

const DEFAULT_LIMITS: TStreamLimits = { perUser: MAX_STREAMS_PER_USER, perProcess: MAX_STREAMS_PER_PROCESS, reauthorizeEveryMs: REAUTHORIZE_EVERY_MS, leaseMs: STREAM_LEASE_MS };

// The process's own count, one per process also when Next loads this module more than once.
const registry = ((globalThis as { nearprintEventStreams?: { total: number } }).nearprintEventStreams ??= { total: 0 });

/** How many streams are open in this process (for tests and metrics). */
export function openEventStreams(): number {
  return registry.total;
}

/**
 * Takes a place for one more stream, or refuses with 429: a process past its own cap (counted
 * here), or a user past theirs (counted in the database, over every instance). The places are
 * given back exactly once, however the stream ends.
 */
async function claimPlace(userId: string, limits: TStreamLimits): Promise<{ leaseId: string; release: () => void }> {
  if (registry.total >= limits.perProcess) {
    throw new AppError('too_many_requests', 'Too many live views are open on this server right now. Reload in a moment.', { retryAfterSeconds: 30 });
  }
  registry.total += 1;
  let isReleased = false;
  const releaseProcessPlace = () => {
    if (isReleased) return;
    isReleased = true;
    registry.total -= 1;
  };
  try {
    const claim = await claimStreamLease(userId, limits.perUser, limits.leaseMs);
    if (!claim.isGranted) {
      throw new AppError('too_many_requests', `You already have ${claim.openStreams} live views open. Close a tab or two and reload.`, { retryAfterSeconds: 30 });
    }
    const { leaseId } = claim;
    return {
      leaseId,
      release: () => {
        if (isReleased) return;
        releaseProcessPlace();
        // Not given back (database down): the lease expires by itself.
        releaseStreamLease(leaseId).catch((error: unknown) => console.error('event stream lease release failed', error));
      },
    };
  } catch (error) {
    releaseProcessPlace();
    throw error;
  }
}

/** A stream route's `after=` (where the page that opened it left off); absent, from the first event. */
export async function streamStartParam(request: Request): Promise<TEventCursor> {
  const raw = new URL(request.url).searchParams.get('after');
  if (raw === null || raw === '') return EVENT_STREAM_START;
  return resolveEventPosition(parseOrThrow(z.object({ after: ZEventPosition }), { after: raw }).after);
}

export type TEventStreamOptions = {
  scope: TEventScope;
  /** Where the page's stream starts (eventCursorNow, taken before the page read what it shows). */
  startAfter: TEventCursor;
  /** Whose stream it is, for the per-user cap. */
  userId: string;
  /**
   * Whether the stream may go on: the session is still signed in, as the same user, who may
   * still see this scope. Asked every `reauthorizeEveryMs`; false (or a throw) ends the stream.
   */
  reauthorize: () => Promise<boolean>;
  toPayload?: (event: TEvent) => unknown;
  limits?: Partial<TStreamLimits>;
};

/**
 * Server-Sent Events over the append-only events table. Polling by cursor works the same on
 * PostgreSQL and on the embedded PGlite (which has no cross-connection LISTEN/NOTIFY), and a
 * reconnecting browser resumes from Last-Event-ID without missing anything, on whichever
 * instance it reaches. Streams are capped per user (over the cluster) and per process, and
 * each re-checks its permission periodically, so one ends soon after its user signs out or
 * loses access.
 */
export async function eventStreamResponse(request: Request, options: TEventStreamOptions): Promise<Response> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const toPayload = options.toPayload ?? ((e: TEvent) => e);
  // A reconnecting browser sends the last cursor it got; an unreadable one is ignored.
  const resumeFrom = ZEventPosition.safeParse(request.headers.get('last-event-id'));
  let after = resumeFrom.success ? await resolveEventPosition(resumeFrom.data) : options.startAfter;
  const { leaseId, release } = await claimPlace(options.userId, limits);
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = Date.now();
  let lastAuthorized = Date.now();
  let isClosed = false;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        clearTimeout(timer);
        release();
        if (isClosed) return;
        isClosed = true;
        controller.close();
      };
      const send = (text: string) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      send('retry: 2000\n\n');
      const tick = async () => {
        if (request.signal.aborted || isClosed) return;
        if (Date.now() - lastAuthorized >= limits.reauthorizeEveryMs) {
          const isAllowed = await options.reauthorize().catch(() => false);
          if (!isAllowed) {
            // The browser's EventSource reconnects, and is then refused with 401/404.
            send('event: unauthorized\ndata: {}\n\n');
            return close();
          }
          // A lease lost while this instance stalled: end, and the browser reconnects for a new place
          // (a database error is not a loss; the poll below reports it).
          if (!(await renewStreamLease(leaseId, limits.leaseMs).catch(() => true))) return close();
          lastAuthorized = Date.now();
        }
        try {
          const batch = await readEventsAfter({ scope: options.scope, after });
          for (const event of batch) {
            after = { tx: event.tx, id: event.id };
            // No `event:` field: every event arrives as a message, its type is in the data.
            send(`id: ${formatEventCursor(after)}\ndata: ${JSON.stringify(toPayload(event))}\n\n`);
          }
          if (Date.now() - lastWrite > HEARTBEAT_MS) send(': keep-alive\n\n');
        } catch (error) {
          console.error('event stream poll failed', error);
        }
        if (!request.signal.aborted && !isClosed) timer = setTimeout(tick, POLL_MS);
      };
      request.signal.addEventListener('abort', close);
      void tick();
    },
    // The browser went away: stop polling; the stream is already closed on this side.
    cancel() {
      isClosed = true;
      clearTimeout(timer);
      release();
    },
  });

  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
