import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { ROLE_HOME } from '@/lib/auth/roles';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; as?: string }> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  const user = await getCurrentUser();
  if (user && !user.isAnonymous) redirect(next ?? ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-md py-10">
      <h1 className="mb-6 text-center text-2xl font-semibold">Create your Nearprint account</h1>
      <Card>
        <SignUpForm next={next} accountType={params.as === 'shop' ? 'shop_owner' : 'customer'} />
      </Card>
    </div>
  );
}
