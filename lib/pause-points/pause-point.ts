/**
 * Named places in a multi-step operation where a race can slip in (between a check and the
 * write it guards, or between a call to Stripe or a printer and the record of it). In
 * production they do nothing. A test holds one open (dev/test-support/pause-at.ts) to run the
 * competing action at exactly that moment, so race tests are deterministic and never depend
 * on timing.
 */
type TPauseHandler = (name: string) => Promise<void> | void;

let handler: TPauseHandler | null = null;

export async function pausePoint(name: string): Promise<void> {
  if (handler) await handler(name);
}

/** Tests only: one handler at a time; null removes it. */
export function setPauseHandler(next: TPauseHandler | null): void {
  handler = next;
}
