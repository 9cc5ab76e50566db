import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert, Card } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { ROLE_HOME } from '@/lib/auth/roles';
import { SignInLinkForm } from './sign-in-link-form';

export const metadata: Metadata = { title: 'Sign in with a link' };

/** For guests, whose accounts (made at checkout) have no password; also where a used or expired link lands. */
export default async function SignInLinkPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const query = await searchParams;
  const next = safeReturnPath(query.next);
  const user = await getCurrentUser();
  if (user && !user.isAnonymous) redirect(next ?? ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="mb-6 text-center text-2xl font-semibold">Sign in with a link</h1>
      {query.error ? (
        <div className="mb-4" data-testid="sign-in-link-error">
          <Alert tone="warn">This sign-in link has expired or was already used. Enter your email and we will send you a new one.</Alert>
        </div>
      ) : null}
      <Card>
        <SignInLinkForm next={next} />
      </Card>
    </div>
  );
}
