import Link from 'next/link';
import { getCurrentUser } from '@/app/_lib/session';

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <div className="py-8">
      <h1 className="text-3xl font-semibold tracking-tight" data-testid="customer-home">
        {user ? `Hi ${user.name.split(' ')[0]}, what are we printing today?` : 'Print nearby, priced for your job'}
      </h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Upload your documents, compare print shops near you by the real price of your job, distance and ready time, pay online and
        watch it print.
      </p>
      <Link href="/sign-up" className="mt-4 inline-block font-medium text-brand-600 hover:underline">
        Create an account
      </Link>
    </div>
  );
}
