import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getCurrentUser } from '@/app/_lib/session';
import { ROLE_LABEL, type TSessionUser } from '@/lib/auth/roles';
import { signOutAction } from './(auth)/actions';
import './globals.css';
import { HeaderMenu } from './_components/header-menu';

export const metadata: Metadata = {
  title: { default: 'Nearprint — print nearby, priced for your job', template: '%s · Nearprint' },
  description: 'Find print shops near you ranked by the real price of your job, pay online and watch it print.',
};

const NAV: Record<TSessionUser['role'] | 'anonymous', { href: string; label: string }[]> = {
  anonymous: [{ href: '/', label: 'Find a print shop' }],
  customer: [
    { href: '/', label: 'Find a print shop' },
    { href: '/orders', label: 'My orders' },
  ],
  shop_owner: [{ href: '/shop', label: 'My shops' }],
  // The console's own tabs list its sections.
  admin: [{ href: '/admin', label: 'Admin console' }],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const sessionUser = await getCurrentUser();
  // A guest before checkout has a session but no account: the header offers sign-in as to anyone.
  const user = sessionUser?.isAnonymous ? null : sessionUser;
  const links = NAV[user?.role ?? 'anonymous'];
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-brand-700">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
                N
              </span>
              Nearprint
            </Link>
            <HeaderMenu>
              <nav aria-label="Main" className="flex min-w-0 flex-1 flex-col gap-1 text-sm md:flex-row md:overflow-x-auto">
                {links.map((link) => (
                  <Link key={link.href} href={link.href} className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100">
                    {link.label}
                  </Link>
                ))}
              </nav>
              {user ? (
                <div className="flex items-center gap-3 text-sm">
                  <span className="text-slate-600" data-testid="signed-in-as">
                    {user.name || user.email} · <span className="text-slate-500">{ROLE_LABEL[user.role]}</span>
                  </span>
                  <form action={signOutAction}>
                    <button className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100" type="submit">
                      Sign out
                    </button>
                  </form>
                </div>
              ) : (
                <div className="flex items-center gap-2 text-sm">
                  <Link href="/sign-in" className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100">
                    Sign in
                  </Link>
                  <Link href="/sign-up" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                    Create account
                  </Link>
                </div>
              )}
            </HeaderMenu>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
