'use client';

import { useActionState } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Alert } from '@/app/_components/ui';
import { sendSignInLinkAction } from '../../actions';

/** For guests (an account made at checkout has no password): a one-time link by email. */
export function SignInLinkForm({ next }: { next?: string }) {
  const [state, formAction] = useActionState(sendSignInLinkAction, {});
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="sign-in-link-form">
      <p className="text-sm text-slate-600">Ordered as a guest? We email you a link that signs you in, no password needed.</p>
      {state.error ? <Alert>{state.error}</Alert> : null}
      {state.success ? <Alert tone="good">{state.success}</Alert> : null}
      <input type="hidden" name="next" value={next ?? ''} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton className="w-full" tone="secondary" pendingLabel="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
