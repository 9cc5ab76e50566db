import { useId } from 'react';
import { axisTicks, niceCeiling } from '@/lib/admin/chart-scale';

export type TBar = { label: string; value: number | null };

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 64 };

/**
 * A vertical bar chart drawn as server-side SVG: no script, no network, prints and works
 * offline. The SVG is an image with a title and summary for assistive technology, each bar
 * has its own tooltip, and the numbers are repeated in a table screen readers can browse.
 * A null value (no data that day) draws nothing, unlike a zero.
 */
export function BarChart({
  title,
  summary,
  bars,
  format,
  color = '#1f5bd6',
  isWhole = false,
  minimum = 0,
  testId,
}: {
  title: string;
  summary: string;
  bars: TBar[];
  format: (value: number) => string;
  color?: string;
  /** Whole quantities (orders, cents): gridlines on whole numbers only. */
  isWhole?: boolean;
  /** The least the axis shows, so an empty chart still has a readable scale. */
  minimum?: number;
  testId?: string;
}) {
  const id = useId();
  const values = bars.map((b) => b.value ?? 0);
  const ceiling = niceCeiling(Math.max(0, ...values), minimum);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.ceil(bars.length / 8);
  const y = (value: number) => PAD.top + plotHeight - (value / ceiling) * plotHeight;
  return (
    <figure className="space-y-2" data-testid={testId}>
      <figcaption className="text-sm font-medium text-slate-800" id={`${id}-title`}>
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{summary}</desc>
        {axisTicks(ceiling, { isWhole }).map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#64748b">
              {format(tick)}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const x = PAD.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.label}>
              {bar.value !== null && bar.value > 0 ? (
                <rect x={x} y={y(bar.value)} width={barWidth} height={PAD.top + plotHeight - y(bar.value)} fill={color} rx={1.5}>
                  <title>{`${bar.label}: ${format(bar.value)}`}</title>
                </rect>
              ) : null}
              {i % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle" fontSize="11" fill="#64748b">
                  {bar.label.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#94a3b8" />
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value === null ? 'no data' : format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
