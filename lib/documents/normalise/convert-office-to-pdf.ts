import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executableSearchPath } from '@/lib/config/env';
import type { TOfficeType } from '@/lib/documents/detect-document-type';
import { DocumentError } from '@/lib/documents/document-error';
import { runProcess } from '@/lib/documents/run-process';
import { countOf } from '@/lib/text/count-of';

const OFFICE_COMMANDS = ['soffice', 'libreoffice'];

export const DEFAULT_OFFICE_TIMEOUT_MS = 120_000;
export const DEFAULT_OFFICE_MEMORY_BYTES = 2 * 1024 ** 3;
/** Conversions one host may run at once, each in its own profile. */
export const OFFICE_PROFILE_SLOTS = 2;

/** What the worker tells a conversion (plain data: it crosses into the inspection child). */
export type TOfficeConversionOptions = {
  timeoutMs?: number;
  /** RLIMIT_DATA of LibreOffice (not RLIMIT_AS: soffice.bin reserves far more than it touches). */
  memoryBytes?: number;
  /**
   * Where the reusable LibreOffice profiles live (`slot-N`, each locked while in use). Unset: a
   * fresh profile per conversion (about 0.5 s slower, nothing shared).
   */
  profileRoot?: string;
  searchPath?: string;
};

/** Finds LibreOffice on PATH; null when it is not installed. */
export async function findOfficeCommand(searchPath = executableSearchPath()): Promise<string | null> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const command of OFFICE_COMMANDS) {
      const candidate = path.join(dir, command);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

let networkIsolation: string[] | undefined;

/**
 * The command prefix that gives LibreOffice a network namespace of its own (only a loopback
 * that is down): `unshare --net` as root, `unshare --net --map-root-user` where unprivileged
 * user namespaces are allowed. Neither (a locked-down container): no prefix, and the worker
 * says once that LibreOffice runs with the host's network (it still sees no secrets).
 */
export function networkIsolationPrefix(): string[] {
  if (networkIsolation) return networkIsolation;
  for (const prefix of [
    ['unshare', '--net', '--'],
    ['unshare', '--net', '--map-root-user', '--'],
  ]) {
    if (spawnSync(prefix[0], [...prefix.slice(1), 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0) return (networkIsolation = prefix);
  }
  console.warn('[office] unshare --net is not available here: LibreOffice conversions run without network isolation.');
  return (networkIsolation = []);
}

let nextSlot = process.pid;

/** A reusable profile and its lock file; `flock` holds the lock while any LibreOffice process of the run lives. */
async function profileSlot(profileRoot: string): Promise<{ profile: string; lock: string }> {
  await mkdir(profileRoot, { recursive: true, mode: 0o700 });
  const slot = nextSlot++ % OFFICE_PROFILE_SLOTS;
  return { profile: path.join(path.resolve(profileRoot), `slot-${slot}`), lock: path.join(path.resolve(profileRoot), `slot-${slot}.lock`) };
}

/**
 * Converts an office document with `soffice --headless --convert-to pdf`, isolated: under
 * `prlimit` (RLIMIT_DATA, CPU time, open files), in a network namespace of its own
 * (networkIsolationPrefix), with only the allow-listed environment (runProcess), and in its own
 * profile: one of OFFICE_PROFILE_SLOTS reused profiles, taken under `flock` so that only one
 * conversion runs per profile at a time across all workers, or a fresh one. On timeout the whole
 * process group dies (soffice starts oosplash and soffice.bin). The document works in a private
 * temp dir, removed whatever happens. Refuses with `office_unsupported` when LibreOffice is not
 * installed, `office_damaged` when it cannot open the file, `office_timeout` when it is too slow.
 */
export async function convertOfficeToPdf(bytes: Uint8Array, type: TOfficeType, options: TOfficeConversionOptions = {}): Promise<Uint8Array> {
  const command = await findOfficeCommand(options.searchPath);
  if (!command) throw new DocumentError('office_unsupported');
  const timeoutMs = options.timeoutMs ?? DEFAULT_OFFICE_TIMEOUT_MS;

  const dir = await mkdtemp(path.join(tmpdir(), 'nearprint-office-'));
  try {
    const input = path.join(dir, `document.${type}`);
    const outDir = path.join(dir, 'out');
    await writeFile(input, bytes, { mode: 0o600 });
    const slot = options.profileRoot ? await profileSlot(options.profileRoot) : null;
    const profile = slot?.profile ?? path.join(dir, 'profile');
    const [first, ...rest] = [
      ...networkIsolationPrefix(),
      ...(slot ? ['flock', slot.lock] : []),
      command,
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nologo',
      '--nodefault',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      input,
    ];
    const result = await runProcess(first, rest, {
      timeoutMs,
      maxStdoutBytes: 1024 * 1024,
      cwd: dir,
      limits: { addressSpaceBytes: Infinity, dataBytes: options.memoryBytes ?? DEFAULT_OFFICE_MEMORY_BYTES },
    }).catch((error: unknown) => {
      if (error instanceof DocumentError && error.code === 'timeout') {
        throw new DocumentError(
          'office_timeout',
          `Converting this Office document took longer than the ${countOf(Math.max(1, Math.round(timeoutMs / 1000)), 'second')} we allow. Save it as PDF in your office app and upload the PDF instead.`,
          { cause: error, details: error.details },
        );
      }
      throw error;
    });
    try {
      return await readFile(path.join(outDir, 'document.pdf'));
    } catch (error) {
      const details = `soffice exited ${result.exitCode ?? result.signal}: ${result.stderr}`;
      // LibreOffice's own words for a file none of its import filters could read.
      if (/source file could not be loaded/i.test(result.stderr)) throw new DocumentError('office_damaged', undefined, { cause: error, details });
      throw new DocumentError('office_conversion_failed', undefined, { cause: error, details });
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('office_conversion_failed', undefined, { cause: error, details: String(error) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
