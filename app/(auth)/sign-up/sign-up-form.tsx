'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Alert } from '@/app/_components/ui';
import { signUpAction } from '../actions';

export function SignUpForm({ next, accountType }: { next?: string; accountType: 'customer' | 'shop_owner' }) {
  const [state, formAction] = useActionState(signUpAction, {});
  const selected = state.values?.accountType ?? accountType;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      <input type="hidden" name="next" value={next ?? ''} />
      <fieldset className="grid grid-cols-2 gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">I want to</legend>
        {(
          [
            ['customer', 'Print something'],
            ['shop_owner', 'List my print shop'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
            <input type="radio" name="accountType" value={value} defaultChecked={selected === value} />
            {label}
          </label>
        ))}
      </fieldset>
      <FormField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <FormField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." errors={state.fieldErrors?.password} />
      <SubmitButton className="w-full" pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link className="font-medium text-brand-600 hover:underline" href={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
