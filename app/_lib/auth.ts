import 'server-only';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/db/client';
import { createAuth } from '@/lib/auth/create-auth';

const globalForAuth = globalThis as unknown as { nearprintAuth?: ReturnType<typeof createAuth> };

/** better-auth with the Next.js cookie plugin, so server actions can set the session cookie. */
export function auth() {
  globalForAuth.nearprintAuth ??= createAuth({ db, plugins: [nextCookies()] });
  return globalForAuth.nearprintAuth;
}
