import { processEnv, type TEnvSource } from './parse-env';

/**
 * The only variables a process that touches a customer's file may see (Ghostscript, qpdf,
 * LibreOffice, the inspection and conversion child): where tools are, locale and temp dir, and
 * the font settings. Never secrets: no DATABASE_URL, STRIPE_*, AUTH_SECRET, S3_*, signing keys.
 */
export const CHILD_ENV_ALLOW_LIST = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'NODE_ENV', 'NEARPRINT_TEXT_FONT', 'NEARPRINT_TEXT_FONT_FACE'] as const;

export function childProcessEnv(source: TEnvSource = processEnv()): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of CHILD_ENV_ALLOW_LIST) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
