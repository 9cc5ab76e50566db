import { countOf } from '@/lib/text/count-of';

/** A download of what the page lists, with the same filters (every page of it, not only this one). */
export function CsvExportLink({ href, filters, count }: { href: string; filters: Record<string, string>; count?: number }) {
  const query = new URLSearchParams(Object.entries(filters).filter(([key, value]) => key !== 'page' && value !== ''));
  const target = query.size ? `${href}?${query}` : href;
  return (
    <a href={target} download className="rounded-md border border-slate-300 px-4 py-2 text-sm text-slate-700 hover:bg-slate-100" data-testid="csv-export">
      Download CSV{count === undefined ? '' : ` (${countOf(count, 'row')})`}
    </a>
  );
}
