/**
 * The headers every response carries (proxy.ts sets them): a Content-Security-Policy with a
 * fresh nonce per request for Next.js' own inline scripts ('strict-dynamic' lets the scripts
 * they load run), nothing may frame the app, no MIME sniffing, no referrer to other sites, and
 * HSTS when the app is served over https.
 *
 * What the pages need, and why each source is there:
 * - scripts: only the nonce'd ones (Next.js' bootstrap and chunks); dev mode adds 'unsafe-eval'.
 * - styles: 'self' and inline style attributes (React renders `style=` for maps and charts).
 * - images: 'self', data: (the pickup QR code is a data: URL), blob: (MapLibre), the map style's origin.
 * - connect: 'self' (event streams, uploads, actions) and the map style's origin (style, tiles, glyphs).
 * - workers: blob: — MapLibre runs its tile worker from a blob URL.
 * - forms may post to this site and to the payment pages (Stripe, or the local emulator).
 */
export type TSecurityHeaderOptions = {
  nonce: string;
  appUrl: string;
  mapStyleUrl: string | null;
  /** Origins the browser is sent to for payment (Stripe Checkout, Connect onboarding, or the emulator). */
  paymentOrigins: string[];
  isDevelopment: boolean;
};

function originOf(url: string | null): string | null {
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(options: TSecurityHeaderOptions): string {
  const map = originOf(options.mapStyleUrl);
  const isHttps = options.appUrl.startsWith('https://');
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.isDevelopment ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(map ? [map] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(map ? [map] : [])],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...options.paymentOrigins],
    'frame-ancestors': ["'none'"],
    ...(isHttps ? { 'upgrade-insecure-requests': [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export function securityHeaders(options: TSecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    // camera=(self): the shop's counter scans pickup QR codes with the camera (BarcodeDetector).
    'Permissions-Policy': 'camera=(self), microphone=(), payment=(), usb=(), geolocation=(self)',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.appUrl.startsWith('https://') ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
