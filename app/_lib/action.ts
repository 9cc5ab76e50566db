import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { ZodType } from 'zod';
import type { TUserRole } from '@/db/schema';
import { hasRole, type TSessionUser } from '@/lib/auth/roles';
import { isAppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from './http';
import { getCurrentUser } from './session';

/** What every form action returns to `useActionState`. */
export type TActionState = {
  error?: string;
  fieldErrors?: Record<string, string[]>;
  success?: string;
  /** Echo of the submitted fields so a failed form keeps what the user typed. */
  values?: Record<string, string>;
};

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !/password/i.test(key) && !key.startsWith('$')) values[key] = value;
  }
  return values;
}

type TActionBody<TInput, TUser> = (input: TInput, user: TUser, formData: FormData) => Promise<TActionState | void>;

async function run<TInput, TUser>(schema: ZodType<TInput>, formData: FormData, user: TUser, body: TActionBody<TInput, TUser>): Promise<TActionState> {
  const raw = Object.fromEntries(formData.entries());
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { error: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  }
  try {
    return (await body(parsed.data, user, formData)) ?? {};
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { error: error.message, fieldErrors: error.fieldErrors, values: formValues(formData) };
    console.error(error);
    return { error: 'Something went wrong on our side. Please try again.', values: formValues(formData) };
  }
}

/** A form action anyone may call (sign-in, sign-up). */
export function publicAction<TInput>(schema: ZodType<TInput>, body: TActionBody<TInput, TSessionUser | null>) {
  return async (_prev: TActionState, formData: FormData): Promise<TActionState> => run(schema, formData, await getCurrentUser(), body);
}

/**
 * A form action for some roles only. The check runs on the server on every call, because a
 * server action is a public POST endpoint whether or not the UI shows its form.
 */
export function roleAction<TInput>(roles: readonly TUserRole[], schema: ZodType<TInput>, body: TActionBody<TInput, TSessionUser>) {
  return async (_prev: TActionState, formData: FormData): Promise<TActionState> => {
    const user = await getCurrentUser();
    if (!user) return { error: 'Your session has ended. Sign in again.' };
    if (!hasRole(user, roles)) return { error: 'You do not have access to this.' };
    return run(schema, formData, user, body);
  };
}

export type TCallResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * A server function called from client code with an object (not a form), returning data.
 * Same server-side role check and error handling as roleAction.
 */
export function roleCall<TInput, TOutput>(roles: readonly TUserRole[], schema: ZodType<TInput>, body: (input: TInput, user: TSessionUser) => Promise<TOutput>) {
  return async (raw: unknown): Promise<TCallResult<TOutput>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: 'Your session has ended. Sign in again.' };
    if (!hasRole(user, roles)) return { ok: false, error: 'You do not have access to this.' };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: 'Some fields are invalid.', fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      return { ok: true, data: await body(parsed.data, user) };
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      console.error(error);
      return { ok: false, error: 'Something went wrong on our side. Please try again.' };
    }
  };
}
