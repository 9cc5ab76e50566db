// GET /api/guest-session?next=/order/new?… – start a guest (anonymous) session, then go on to `next`
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/db/client';
import { errorResponse } from '@/app/_lib/http';
import { auth } from '@/app/_lib/auth';
import { getCurrentUser } from '@/app/_lib/session';
import { safeReturnPath } from '@/lib/auth/auth-schemas';
import { assertGuestSessionAllowed, recordGuestSessionAddress } from '@/lib/auth/guest-session-allowance';
import { clientAddress } from '@/lib/auth/sign-in-throttle';
import { signInSettings } from '@/lib/config/sign-in-settings';

export const dynamic = 'force-dynamic';

const ZGuestSessionQuery = z.object({ next: z.string().max(2000).optional() });

/**
 * A visitor who is not signed in and starts an order gets a guest session here, so they can
 * upload and see prices at once; checkout asks for their email (lib/orders/guest-checkout.ts).
 * Someone already signed in (or already a guest) keeps their session and just goes on.
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const query = ZGuestSessionQuery.safeParse({ next: request.nextUrl.searchParams.get('next') ?? undefined });
  const next = (query.success && safeReturnPath(query.data.next)) || '/';
  if (!(await getCurrentUser())) {
    const requestHeaders = await headers();
    const address = clientAddress(requestHeaders, signInSettings().trustedProxyHops);
    try {
      await assertGuestSessionAllowed(db, address);
    } catch (error) {
      return errorResponse(error);
    }
    const guest = await auth().api.signInAnonymous({ headers: requestHeaders });
    if (guest) await recordGuestSessionAddress(db, guest.user.id, address);
  }
  redirect(next);
}
