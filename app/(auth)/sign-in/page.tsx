import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert, Card } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { ROLE_HOME } from '@/lib/auth/roles';
import { SignInForm } from './sign-in-form';
import { SignInLinkForm } from './sign-in-link-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const query = await searchParams;
  const next = safeReturnPath(query.next);
  const user = await getCurrentUser();
  if (user && !user.isAnonymous) redirect(next ?? ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="mb-6 text-center text-2xl font-semibold">Sign in to Nearprint</h1>
      {query.error ? (
        <div className="mb-4" data-testid="sign-in-link-error">
          <Alert tone="warn">This sign-in link has expired or was already used. Enter your email below and we will send you a new one.</Alert>
        </div>
      ) : null}
      <Card>
        <SignInForm next={next} />
      </Card>
      <Card className="mt-4">
        <SignInLinkForm next={next} />
      </Card>
    </div>
  );
}
