import { randomUUID } from 'node:crypto';
import { DEMO_SHOPS, demoShopOwnerEmail } from '@/db/seed-data';
import { DEMO } from '@/e2e/fixtures/accounts';
import { formOf, ServerActions, signInOverHttp, signUpOverHttp, type TSession } from '@/e2e/fixtures/http-client';
import { shopIdByName } from '@/e2e/fixtures/paid-order';
import type { TShopKey } from './shop-desk';

/**
 * The people of a scale run, all signed in over HTTP through the load balancer: the demo
 * customer placing most orders; a few new customers whose orders are followed live (a user may
 * hold only a few streams, and a killed instance's streams keep their places until their leases
 * expire, so each of these follows at most STREAMS_PER_WATCHER orders); each shop's owner (the
 * demo owner, or the shop's own demo account), who makes the shop a write API key in its
 * settings for the counter's till system.
 */
export const STREAMS_PER_WATCHER = 3;

export type TScaleClients = { actions: ServerActions; customer: TSession; watchers: TSession[]; shops: TShopKey[] };

export async function signInScaleClients(options: { baseUrl: string; shopNames: string[]; watchedOrders: number }): Promise<TScaleClients> {
  const { baseUrl } = options;
  const actions = new ServerActions();
  const [admin, customer] = await Promise.all([signInOverHttp('admin', DEMO.admin, baseUrl), signInOverHttp('customer', DEMO.customer, baseUrl)]);
  const owners = new Map<string, TSession>();
  const ownerOf = async (shopName: string): Promise<TSession> => {
    const email = DEMO_SHOPS.find((shop) => shop.name === shopName)?.isDemoOwner ? DEMO.owner.email : demoShopOwnerEmail(shopName);
    if (!owners.has(email)) owners.set(email, await signInOverHttp(email, { email, password: DEMO.owner.password }, baseUrl));
    return owners.get(email)!;
  };
  const watchers: TSession[] = [];
  for (let i = 0; i < Math.ceil(options.watchedOrders / STREAMS_PER_WATCHER); i += 1) {
    const email = `scale-watcher-${i}-${randomUUID().slice(0, 8)}@example.test`;
    watchers.push(await signUpOverHttp(`watcher ${i}`, { name: `Scale watcher ${i}`, email, password: `Scale-${randomUUID()}` }, baseUrl));
  }
  const shops: TShopKey[] = [];
  for (const name of [...new Set(options.shopNames)]) {
    const shopId = await shopIdByName(admin, name);
    const created = await actions.call(await ownerOf(name), { file: 'app/shop/[shopId]/settings/actions.ts', exportName: 'createApiKeyAction' }, [
      {},
      formOf({ shopId, name: 'Scale bench till', scope: 'write' }),
    ]);
    const key = (created.value as { key?: string; error?: string } | undefined)?.key;
    if (!key) throw new Error(`no API key for ${name}: ${created.status} ${JSON.stringify(created.value ?? created.text.slice(0, 200))}`);
    shops.push({ shopId, key });
  }
  return { actions, customer, watchers, shops };
}
