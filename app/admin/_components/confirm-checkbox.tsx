import type { ReactNode } from 'react';

/**
 * The tick an admin gives before an action that moves money or stops printing: the action
 * refuses without it (`confirm: yes`), and its error shows beside it.
 */
export function ConfirmCheckbox({ errors, children }: { errors?: string[]; children: ReactNode }) {
  return (
    <>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" value="yes" className="mt-0.5" aria-invalid={errors ? true : undefined} />
        <span>{children}</span>
      </label>
      {errors ? (
        <p className="text-sm text-red-700" data-field-error="confirm">
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}
