'use client';

import Link from 'next/link';
import { Badge, Button, LinkButton } from '@/app/_components/ui';
import type { TResultView } from './result-view';

/**
 * One shop, with everything that explains its place in the list: the price of this job line
 * by line, distance, open or closed and today's hours, when it would be ready, and what the
 * shop can do.
 */
export function ResultCard({
  result,
  isSelected,
  isCurrent,
  onHover,
}: {
  result: TResultView;
  isSelected: boolean;
  /** False while the results are being replaced: the link would carry the previous job. */
  isCurrent: boolean;
  onHover: (id: string | null) => void;
}) {
  return (
    <article
      id={`result-${result.id}`}
      data-testid="search-result"
      data-shop-id={result.id}
      data-position={result.position}
      data-selected={isSelected ? 'true' : undefined}
      aria-labelledby={`result-${result.id}-name`}
      onMouseEnter={() => onHover(result.id)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(result.id)}
      className={`rounded-xl border bg-white p-4 shadow-sm transition ${isSelected ? 'border-amber-400 ring-2 ring-amber-200' : 'border-slate-200'}`}
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs font-medium text-slate-500">{result.rankLabel}</p>
          <h3 id={`result-${result.id}-name`} className="truncate text-lg font-semibold" data-testid="result-name">
            <Link href={`/shops/${result.id}`} className="hover:text-brand-700 hover:underline" title="Hours, directions and all prices">
              {result.name}
            </Link>
          </h3>
          <p className="text-sm text-slate-600">
            {result.address} · <span data-testid="result-distance">{result.distanceLabel}</span>
          </p>
        </div>
        <div className="shrink-0 text-right">
          <p className="text-2xl font-semibold tracking-tight" data-testid="result-total">
            {result.totalLabel}
          </p>
          <p className="text-xs text-slate-500">for your job</p>
        </div>
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <Badge tone={result.isOpen ? 'good' : 'warn'}>
          <span data-testid="result-open">{result.openLabel}</span>
        </Badge>
        <span className="text-slate-600">{result.todayLabel}</span>
        <span className="font-medium" data-testid="result-ready">
          {result.readyLabel}
        </span>
      </div>
      {result.readyWarning ? <p className="mt-1 text-sm text-amber-800">{result.readyWarning}</p> : null}

      <dl className="mt-3 space-y-0.5 text-sm" aria-label="Price breakdown" data-testid="result-breakdown">
        {result.lines.map((line) => (
          <div key={line.label} className="flex justify-between gap-3">
            <dt className="text-slate-600">{line.label}</dt>
            <dd className="tabular-nums">{line.amountLabel}</dd>
          </div>
        ))}
        <div className="flex justify-between gap-3 border-t border-slate-100 pt-0.5 font-medium">
          <dt>Total</dt>
          <dd className="tabular-nums">{result.totalLabel}</dd>
        </div>
      </dl>

      <div className="mt-3 flex flex-wrap items-center gap-1 text-sm">
        <ul className="contents" aria-label="What this shop can do">
          {result.badges.map((badge) => (
            <li key={badge}>
              <Badge>{badge}</Badge>
            </li>
          ))}
        </ul>
        <span className="ml-1 text-xs text-slate-500">{result.queueLabel}</span>
      </div>

      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3">
        <p className="text-xs text-slate-500" data-testid="result-why">
          <span className="font-medium text-slate-600">Why here: </span>
          {result.rankSummary}
        </p>
        {isCurrent ? (
          <LinkButton href={result.orderHref} aria-label={`Choose this shop: ${result.name}`} data-testid="choose-shop">
            Choose this shop
          </LinkButton>
        ) : (
          <Button disabled aria-label={`Choose this shop: ${result.name} (updating the prices for your changes)`} title="Updating the prices for your changes…" data-testid="choose-shop">
            Choose this shop
          </Button>
        )}
      </div>
    </article>
  );
}
