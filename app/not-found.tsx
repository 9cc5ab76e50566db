import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-600 hover:underline">
        Go to the home page
      </Link>
    </div>
  );
}
