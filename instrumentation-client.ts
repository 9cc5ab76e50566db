import { z } from 'zod';

/**
 * Runs in the browser before the app's own code (Next.js' client instrumentation hook). zod 4
 * compiles object parsers with `new Function` where it may, and its probe for that counts as a
 * violation of the Content-Security-Policy (no 'unsafe-eval', see proxy.ts): parse without it.
 */
z.config({ jitless: true });
