import { sql } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { signalWork } from '@/lib/events/work-signal';

/**
 * Recomputes what a shop can print from its enabled, online printers, so search filters on
 * columns with indexes instead of joining printers on every query. Called whenever a printer
 * is added, removed, enabled, disabled, or goes offline or online; so it is also where the
 * shop's jobs waiting for a printer are told to look again at once, instead of every worker
 * asking about every waiting job every few seconds.
 */
export async function refreshShopCapabilities(shopId: string, executor: Pick<TDatabase, 'execute'> = db): Promise<void> {
  await executor.execute(sql`
    with live as (
      select * from printers where shop_id = ${shopId} and is_enabled and is_online
    )
    update shops set
      cap_color = coalesce((select bool_or(is_color) from live), false),
      cap_duplex = coalesce((select bool_or(is_duplex) from live), false),
      cap_media = coalesce((select array_agg(distinct m order by m) from live, unnest(live.media) m), '{}'),
      cap_finishings = coalesce((select array_agg(distinct f order by f) from live, unnest(live.finishings) f), '{}'),
      cap_pages_per_minute = coalesce((select sum(pages_per_minute)::int from live), 0),
      updated_at = now()
    where id = ${shopId}`);
  const woken = await executor.execute<{ id: string }>(sql`
    update print_jobs set run_after = now()
    where shop_id = ${shopId} and state = 'queued' and waiting_since is not null and run_after > now()
    returning id`);
  if (woken.length) await signalWork(executor, 'job');
}
