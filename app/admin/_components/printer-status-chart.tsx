import type { TShopPrinters } from '@/lib/admin/dashboard-metrics';

const SEGMENTS = [
  { key: 'online', label: 'Online', color: '#059669' },
  { key: 'offline', label: 'Offline', color: '#dc2626' },
  { key: 'disabled', label: 'Disabled by the shop', color: '#cbd5e1' },
] as const;

const ROW = 20;
const LABEL_WIDTH = 220;
const WIDTH = 1100;

/**
 * Printers online / offline / disabled for each shop, one stacked bar per shop on a shared
 * scale (shops with offline printers first). Server-side SVG with a title per segment and a
 * table of the same numbers for screen readers; shop names link to the shop's admin page.
 */
export function PrinterStatusChart({ shops }: { shops: TShopPrinters[] }) {
  const max = Math.max(1, ...shops.map((s) => s.online + s.offline + s.disabled));
  const scale = Math.min(60, (WIDTH - LABEL_WIDTH - 40) / max);
  const height = shops.length * ROW + 8;
  const totals = shops.reduce((t, s) => ({ online: t.online + s.online, offline: t.offline + s.offline, disabled: t.disabled + s.disabled }), { online: 0, offline: 0, disabled: 0 });
  return (
    <figure className="space-y-2" data-testid="printer-status-chart">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800" id="printer-chart-title">
          Printers by shop: {totals.online} online, {totals.offline} offline, {totals.disabled} disabled
        </span>
        <span className="flex gap-3 text-xs text-slate-600" aria-hidden>
          {SEGMENTS.map((s) => (
            <span key={s.key} className="inline-flex items-center gap-1">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" role="group" aria-labelledby="printer-chart-title">
        {shops.map((shop, i) => {
          let x = LABEL_WIDTH;
          const y = i * ROW + 4;
          return (
            <g key={shop.shopId}>
              <a href={`/admin/shops/${shop.shopId}`}>
                <text x={LABEL_WIDTH - 8} y={y + 13} textAnchor="end" fontSize="12" fill={shop.shopStatus === 'active' ? '#1e293b' : '#94a3b8'}>
                  {shop.shopName.length > 30 ? `${shop.shopName.slice(0, 29)}…` : shop.shopName}
                </text>
              </a>
              {SEGMENTS.map((segment) => {
                const count = shop[segment.key];
                if (!count) return null;
                const rect = (
                  <rect key={segment.key} x={x} y={y} width={count * scale} height={ROW - 6} fill={segment.color}>
                    <title>{`${shop.shopName}: ${count} ${segment.label.toLowerCase()}`}</title>
                  </rect>
                );
                x += count * scale;
                return rect;
              })}
              <text x={x + 6} y={y + 13} fontSize="12" fill="#475569">
                {shop.online}/{shop.online + shop.offline + shop.disabled}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>Printers by shop</caption>
        <thead>
          <tr>
            <th scope="col">Shop</th>
            <th scope="col">Online</th>
            <th scope="col">Offline</th>
            <th scope="col">Disabled</th>
          </tr>
        </thead>
        <tbody>
          {shops.map((shop) => (
            <tr key={shop.shopId}>
              <th scope="row">{shop.shopName}</th>
              <td>{shop.online}</td>
              <td>{shop.offline}</td>
              <td>{shop.disabled}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
