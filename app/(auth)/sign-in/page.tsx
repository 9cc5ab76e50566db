import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { ROLE_HOME } from '@/lib/auth/roles';
import { SignInForm } from './sign-in-form';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  const user = await getCurrentUser();
  if (user && !user.isAnonymous) redirect(next ?? ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="mb-6 text-center text-2xl font-semibold">Sign in to Nearprint</h1>
      <Card>
        <SignInForm next={next} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        Ordered as a guest?{' '}
        <Link className="font-medium text-brand-600 hover:underline" href={next ? `/sign-in/link?next=${encodeURIComponent(next)}` : '/sign-in/link'}>
          Get a sign-in link by email
        </Link>
      </p>
    </div>
  );
}
