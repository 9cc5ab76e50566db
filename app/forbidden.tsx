import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">This page is not for your account</h1>
      <p className="mt-2 text-slate-600">You are signed in, but your account does not have access here.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-600 hover:underline">
        Go to the home page
      </Link>
    </div>
  );
}
