import type { Metadata } from 'next';
import { Badge, Card } from '@/app/_components/ui';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { listAgentTokens } from '@/lib/agent/agent-tokens';
import { env } from '@/lib/config/env';
import { AutoAcceptForm, CreateAgentTokenForm, RevokeAgentTokenButton } from './settings-forms';

export const metadata: Metadata = { title: 'Shop settings' };

function when(date: Date | null): string {
  return date ? date.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

export default async function ShopSettingsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop, user } = await getShopForPage((await params).shopId);
  const tokens = await listAgentTokens({ shopId: shop.id, ownerId: user.id });
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="mb-1 font-semibold">Accepting jobs</h2>
        <p className="mb-3 text-sm text-slate-600">
          With automatic acceptance a paid job goes straight to your printers. Otherwise it waits in your queue until you accept it; declining refunds the customer in full and offers them other shops.
        </p>
        <AutoAcceptForm shopId={shop.id} autoAccept={shop.autoAccept} />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">Shop agent</h2>
        <p className="mb-3 text-sm text-slate-600">
          If your printers are on your shop’s own network, Nearprint cannot reach them. Run the Nearprint agent on a computer in the shop: it fetches your jobs over HTTPS, prints them on your printers
          and reports back. Each computer gets its own token; revoke one and that agent stops at once.
        </p>
        <CreateAgentTokenForm shopId={shop.id} appUrl={env().APP_URL} />
        <h3 className="mt-6 mb-2 text-sm font-semibold">Tokens</h3>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">No agent tokens yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agent-tokens">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="agent-token-row" data-revoked={!!token.revokedAt}>
                <div>
                  <p className="font-medium">{token.name}</p>
                  <p className="text-slate-600">
                    Created {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                    {token.expiresAt ? ` · ${token.expiresAt <= new Date() ? 'expired' : 'expires'} ${when(token.expiresAt)}` : ''}
                  </p>
                </div>
                {token.revokedAt ? <Badge tone="neutral">Revoked {when(token.revokedAt)}</Badge> : <RevokeAgentTokenButton shopId={shop.id} tokenId={token.id} name={token.name} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
