import type { ComponentProps, ReactNode } from 'react';

/**
 * A labelled input with its field errors. Errors are linked with aria-describedby so
 * screen readers and tests find the message next to the field it belongs to.
 */
export function FormField({
  label,
  name,
  errors,
  hint,
  children,
  ...inputProps
}: ComponentProps<'input'> & { label: string; name: string; errors?: string[]; hint?: ReactNode; children?: ReactNode }) {
  const errorId = `${name}-error`;
  const hasError = !!errors?.length;
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-slate-800">{label}</span>
      {children ?? (
        <input
          name={name}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError ? errorId : undefined}
          className="w-full"
          {...inputProps}
        />
      )}
      {hint && !hasError ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      {hasError ? (
        <span id={errorId} className="block text-sm text-red-700" data-field-error={name}>
          {errors.join(' ')}
        </span>
      ) : null}
    </label>
  );
}
