import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { ROLE_HOME } from '@/lib/auth/roles';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  const user = await getCurrentUser();
  if (user) redirect(next ?? ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="mb-6 text-center text-2xl font-semibold">Sign in to Nearprint</h1>
      <Card>
        <SignInForm next={next} />
      </Card>
    </div>
  );
}
