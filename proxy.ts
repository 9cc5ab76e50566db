import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from '@/app/_lib/security-headers';
import { env, mapStyleUrl } from '@/lib/config/env';

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const STRIPE_ORIGINS = ['https://checkout.stripe.com', 'https://connect.stripe.com'];

/**
 * Runs before every page and route (Next.js 16's successor to middleware): a fresh CSP nonce
 * per request, given to Next.js on the request's own Content-Security-Policy header (it puts
 * the nonce on its inline scripts) and sent to the browser with the other security headers
 * (app/_lib/security-headers.ts).
 */
export function proxy(request: NextRequest): NextResponse {
  // A path that is not valid percent-encoded UTF-8 (`/orders/%E0%A4%A`) cannot name anything:
  // 400 here, before Next.js fails to decode its parameters with a 500.
  if (!isDecodable(request.nextUrl.pathname)) {
    return new NextResponse('Bad request: the address is not valid percent-encoded UTF-8.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
  }
  const config = env();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders({
    nonce,
    appUrl: config.APP_URL,
    mapStyleUrl: mapStyleUrl(),
    paymentOrigins: config.STRIPE_SECRET_KEY ? STRIPE_ORIGINS : [new URL(config.STRIPE_EMULATOR_URL).origin],
    isDevelopment: config.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next.js' hashed static files (next.config.mjs gives those nosniff) and the two
  // routes that take large bodies: with a proxy in front, Next.js clones a request's body and
  // keeps only its first 10 MB (proxyClientMaxBodySize), which would cut uploads short and
  // buffer what the upload and webhook routes otherwise count and refuse as it arrives.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/documents$|api/stripe/webhook$).*)' }],
};
