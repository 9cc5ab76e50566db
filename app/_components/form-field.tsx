import type { ComponentProps, ReactNode } from 'react';

/**
 * A labelled input with its field errors. The label points at the control by id (not by
 * wrapping it), so a select's accessible name is its label, not its options; errors are
 * linked with aria-describedby so screen readers and tests find them next to their field.
 * A custom control passed as children must use `fieldId(name)` as its id.
 */
export function FormField({
  label,
  name,
  errors,
  hint,
  children,
  ...inputProps
}: ComponentProps<'input'> & { label: string; name: string; errors?: string[]; hint?: ReactNode; children?: ReactNode }) {
  const id = inputProps.id ?? fieldId(name);
  const errorId = `${id}-error`;
  const hasError = !!errors?.length;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children ?? <input id={id} name={name} aria-invalid={hasError || undefined} aria-describedby={hasError ? errorId : undefined} className="w-full" {...inputProps} />}
      {hint && !hasError ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      {hasError ? (
        <span id={errorId} className="block text-sm text-red-700" data-field-error={name}>
          {errors.join(' ')}
        </span>
      ) : null}
    </div>
  );
}

export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
