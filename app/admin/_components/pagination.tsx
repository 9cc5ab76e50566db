import Link from 'next/link';

/** Previous / next links that keep the current filters in the query string. */
export function Pagination({
  basePath,
  query,
  page,
  pageCount,
  total,
  noun,
  plural = `${noun}s`,
}: {
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  total: number;
  noun: string;
  plural?: string;
}) {
  const href = (target: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: String(target) }).filter((e): e is [string, string] => !!e[1]));
    return `${basePath}?${params}`;
  };
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        {total} {total === 1 ? noun : plural} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={href(page + 1)} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
