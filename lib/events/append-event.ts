import { db, type TDatabase } from '@/db/client';
import { events, type TNewEvent } from '@/db/schema';

type TExecutor = Pick<TDatabase, 'insert'>;

/**
 * Appends one event. Pass the transaction when the event belongs to a state change, so the
 * change and its event commit together or not at all.
 */
export async function appendEvent(event: TNewEvent, executor: TExecutor = db): Promise<void> {
  await executor.insert(events).values(event);
}
