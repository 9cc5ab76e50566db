'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Alert } from '@/app/_components/ui';
import { signInAction } from '../actions';

export function SignInForm({ next }: { next?: string }) {
  const [state, formAction] = useActionState(signInAction, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      <input type="hidden" name="next" value={next ?? ''} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to Nearprint?{' '}
        <Link className="font-medium text-brand-600 hover:underline" href={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>
          Create an account
        </Link>
      </p>
    </form>
  );
}
