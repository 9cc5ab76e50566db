import type { Metadata } from 'next';
import { Badge, Card } from '@/app/_components/ui';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { listAgentTokens } from '@/lib/agent/agent-tokens';
import { env } from '@/lib/config/env';
import { listApiKeys } from '@/lib/api-keys/api-keys';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/webhooks/webhook-endpoints';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/webhook-events';
import { CreateApiKeyForm, CreateWebhookEndpointForm, DeleteWebhookEndpointButton, ReplayDeliveryButton, RevokeApiKeyButton } from './api-forms';
import { AutoAcceptForm, CreateAgentTokenForm, RevokeAgentTokenButton } from './settings-forms';

const DELIVERY_TONE = { delivered: 'good', pending: 'warn', sending: 'warn', failed: 'bad' } as const;

export const metadata: Metadata = { title: 'Shop settings' };

function when(date: Date | null): string {
  return date ? date.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

export default async function ShopSettingsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop, user } = await getShopForPage((await params).shopId);
  const owner = { shopId: shop.id, ownerId: user.id };
  const [tokens, apiKeys, endpoints, deliveries] = await Promise.all([listAgentTokens(owner), listApiKeys(owner), listWebhookEndpoints(owner), listWebhookDeliveries(owner)]);
  const appUrl = env().APP_URL;
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
        <CreateAgentTokenForm shopId={shop.id} appUrl={appUrl} />
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
      <Card>
        <h2 className="mb-1 font-semibold">API keys</h2>
        <p className="mb-3 text-sm text-slate-600">
          Your own systems (a till, an ERP, a dashboard) can read your jobs, printers and earnings, and accept, reject or hand over jobs, through the{' '}
          <a className="underline" href="/api/v1/openapi.json">
            Nearprint shop API
          </a>
          . Each key is shown once; read-only keys cannot change anything.
        </p>
        <CreateApiKeyForm shopId={shop.id} appUrl={appUrl} />
        <h3 className="mt-6 mb-2 text-sm font-semibold">Keys</h3>
        {apiKeys.length === 0 ? (
          <p className="text-sm text-slate-600">No API keys yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="api-keys">
            {apiKeys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="api-key-row" data-revoked={!!key.revokedAt}>
                <div>
                  <p className="font-medium">
                    {key.name} <Badge tone={key.scope === 'write' ? 'warn' : 'neutral'}>{key.scope === 'write' ? 'read and write' : 'read only'}</Badge>
                  </p>
                  <p className="text-slate-600">
                    <code className="font-mono">{key.prefix}…</code> · created {when(key.createdAt)} · last used {when(key.lastUsedAt)}
                  </p>
                </div>
                {key.revokedAt ? <Badge tone="neutral">Revoked {when(key.revokedAt)}</Badge> : <RevokeApiKeyButton shopId={shop.id} keyId={key.id} name={key.name} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">Webhooks</h2>
        <p className="mb-3 text-sm text-slate-600">
          Nearprint POSTs events to your endpoints as they happen, signed in the <code className="font-mono">Nearprint-Signature</code> header with the endpoint’s secret. A delivery that does not get
          a 2xx answer is retried with growing pauses; each carries the event’s id, so process each id once.
        </p>
        <CreateWebhookEndpointForm shopId={shop.id} events={WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }))} />
        <h3 className="mt-6 mb-2 text-sm font-semibold">Endpoints</h3>
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600">No endpoints yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="webhook-endpoints">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="webhook-endpoint-row">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium break-all">{endpoint.url}</p>
                  <p className="text-slate-600">{endpoint.events.join(', ')}</p>
                  <details>
                    <summary className="cursor-pointer text-slate-600">Signing secret</summary>
                    <code className="block break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs" data-testid="webhook-secret">
                      {endpoint.secret}
                    </code>
                  </details>
                </div>
                <DeleteWebhookEndpointButton shopId={shop.id} endpointId={endpoint.id} url={endpoint.url} />
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-6 mb-2 text-sm font-semibold">Recent deliveries</h3>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="webhook-deliveries">
            {deliveries.map((delivery) => (
              <li key={delivery.id} className="space-y-1 py-3 text-sm" data-testid="webhook-delivery-row" data-status={delivery.status} data-event-type={delivery.eventType}>
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <p>
                    <code className="font-mono">{delivery.eventType}</code> <Badge tone={DELIVERY_TONE[delivery.status]}>{delivery.status}</Badge>{' '}
                    <span className="text-slate-600">
                      {when(delivery.createdAt)} · {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
                      {delivery.lastStatusCode ? ` · last answer HTTP ${delivery.lastStatusCode}` : ''}
                    </span>
                  </p>
                  {delivery.status === 'sending' ? null : <ReplayDeliveryButton shopId={shop.id} deliveryId={delivery.id} />}
                </div>
                <p className="break-all text-xs text-slate-500">
                  Event {delivery.eventId} → {delivery.url}
                </p>
                {delivery.attemptLog.length ? (
                  <details>
                    <summary className="cursor-pointer text-xs text-slate-600">Attempts</summary>
                    <ol className="mt-1 space-y-0.5 text-xs text-slate-600">
                      {delivery.attemptLog.map((attempt) => (
                        <li key={attempt.id}>
                          {when(attempt.attemptedAt)}: {attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'no answer'}
                          {attempt.error ? ` — ${attempt.error}` : ''} ({attempt.durationMs} ms)
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
