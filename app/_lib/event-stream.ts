import 'server-only';
import type { TEvent } from '@/db/schema';
import { readEventsAfter, type TEventScope } from '@/lib/events/read-events';

const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events over the append-only events table. Polling by id works the same on
 * PostgreSQL and on the embedded PGlite (which has no cross-connection LISTEN/NOTIFY), and a
 * reconnecting browser resumes from Last-Event-ID without missing anything.
 */
export function eventStreamResponse(request: Request, scope: TEventScope, startAfterId: number, toPayload: (event: TEvent) => unknown = (e) => e): Response {
  const resumeFrom = Number(request.headers.get('last-event-id'));
  let afterId = Number.isFinite(resumeFrom) && resumeFrom > 0 ? resumeFrom : startAfterId;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = Date.now();
  let isClosed = false;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      send('retry: 2000\n\n');
      const tick = async () => {
        if (request.signal.aborted || isClosed) return;
        try {
          const batch = await readEventsAfter({ scope, afterId });
          for (const event of batch) {
            // No `event:` field: every event arrives as a message, its type is in the data.
            send(`id: ${event.id}\ndata: ${JSON.stringify(toPayload(event))}\n\n`);
            afterId = event.id;
          }
          if (Date.now() - lastWrite > HEARTBEAT_MS) send(': keep-alive\n\n');
        } catch (error) {
          console.error('event stream poll failed', error);
        }
        if (!request.signal.aborted && !isClosed) timer = setTimeout(tick, POLL_MS);
      };
      request.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        if (isClosed) return;
        isClosed = true;
        controller.close();
      });
      void tick();
    },
    // The browser went away: stop polling; the stream is already closed on this side.
    cancel() {
      isClosed = true;
      clearTimeout(timer);
    },
  });

  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
