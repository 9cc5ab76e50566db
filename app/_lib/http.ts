import 'server-only';
import { NextResponse } from 'next/server';
import { z, type ZodType } from 'zod';
import type { TUserRole } from '@/db/schema';
import { hasRole, type TSessionUser } from '@/lib/auth/roles';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { getCurrentUser } from './session';

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

/** Turns zod issues into `{ field: [messages] }` for forms and JSON clients alike. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The one place errors become HTTP responses: coded errors say what happened, bugs do not leak. */
export function errorResponse(error: unknown): NextResponse {
  if (isAppError(error)) {
    const headers = error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
    return NextResponse.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: error.status, headers });
  }
  if (error instanceof z.ZodError) {
    return NextResponse.json({ error: { code: 'bad_request', message: 'Some fields are invalid.', fieldErrors: fieldErrorsOf(error) } }, { status: 400 });
  }
  console.error(error);
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, { status: 500 });
}

export function parseOrThrow<T>(schema: ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 'Some fields are invalid.', { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  return parsed.data;
}

/**
 * Every dynamic segment named `…Id` is a real UUID, checked before the handler runs: anything
 * else (`------------------------------------`, garbage) is a 404 like an id that does not
 * exist, and never reaches the database. Route handlers check their other parameters with zod.
 */
export async function checkedRouteParams(params: Promise<Record<string, string | string[]>> | undefined): Promise<Record<string, string>> {
  const values = (await params) ?? {};
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (/Id$/.test(name) && !isId(value)) throw new AppError('not_found', 'We could not find that.');
    checked[name] = Array.isArray(value) ? value.join('/') : value;
  }
  return checked;
}

type THandler<TUser> = (request: Request, context: { user: TUser; params: Record<string, string> }) => Promise<Response>;

/**
 * Wraps a route handler: checks the session and role on the server before the handler runs
 * (401 when signed out, 403 for the wrong role) and maps thrown errors to responses.
 */
export function withRole(roles: readonly TUserRole[], handler: THandler<TSessionUser>) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError('unauthorized', 'Sign in to continue.');
      if (!hasRole(user, roles)) throw new AppError('forbidden', 'You do not have access to this.');
      return await handler(request, { user, params: await checkedRouteParams(context.params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A public route handler with the same error mapping; the user may be null. */
export function withOptionalUser(handler: THandler<TSessionUser | null>) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const params = await checkedRouteParams(context.params);
      return await handler(request, { user: await getCurrentUser(), params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
