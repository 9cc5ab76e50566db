import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

const BASE = { nonce: 'bm9uY2U=', appUrl: 'http://localhost:3000', mapStyleUrl: null, paymentOrigins: ['http://127.0.0.1:12111'], isDevelopment: false };

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('security headers', () => {
  it('allow only nonce’d scripts, nothing framing the app, and what the maps and the QR code need', () => {
    const policy = contentSecurityPolicy(BASE);
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(policy, 'worker-src')).toContain('blob:');
    expect(directive(policy, 'img-src')).toContain('data:');
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'form-action')).toBe("form-action 'self' http://127.0.0.1:12111");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('open the map style’s origin for the style, tiles and glyphs', () => {
    const policy = contentSecurityPolicy({ ...BASE, mapStyleUrl: 'https://tiles.example.org/styles/bright/style.json' });
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://tiles.example.org");
    expect(directive(policy, 'img-src')).toContain('https://tiles.example.org');
    expect(contentSecurityPolicy({ ...BASE, mapStyleUrl: '/map/style.json' })).not.toContain("connect-src 'self' /");
  });

  it('send HSTS and upgrade requests only over https', () => {
    expect(securityHeaders(BASE)).not.toHaveProperty('Strict-Transport-Security');
    const https = securityHeaders({ ...BASE, appUrl: 'https://nearprint.example' });
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(https).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' });
  });
});
