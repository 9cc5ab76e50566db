import { defineConfig } from '@playwright/test';

import { E2E_TILE_SERVER_PORT_OFFSET, E2E_TILES_PORT_OFFSET } from './dev/stack/e2e-ports';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
/** The same app on a second instance whose maps draw tiles from the e2e tile server (dev/stack/tile-server.ts). */
export const E2E_TILES_BASE_URL = `http://127.0.0.1:${PORT + E2E_TILES_PORT_OFFSET}`;
export const E2E_TILE_SERVER_URL = `http://127.0.0.1:${PORT + E2E_TILE_SERVER_PORT_OFFSET}`;

/**
 * Real Chromium from Debian (never a downloaded browser) against the built app, started
 * once for the whole run with its database, Stripe emulator, printers and worker.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: 'node --import tsx dev/run.ts --e2e',
    url: `${E2E_BASE_URL}/sign-in`,
    // Fast printer polling so live-state tests see a printer go offline within seconds; a job
    // waiting for acceptance alerts its shop at once, so the queue test sees the alert raised and cleared.
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      PRINTER_POLL_INTERVAL_MS: '1000',
      PRINTER_OFFLINE_AFTER_MISSES: '2',
      PRINTER_POLL_TIMEOUT_MS: '1000',
      ALERT_AWAITING_ACCEPTANCE_MINUTES: '0',
    },
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM first, so the launcher stops its printers, worker and database cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
