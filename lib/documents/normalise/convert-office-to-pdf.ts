import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executableSearchPath } from '@/lib/config/env';
import type { TOfficeType } from '@/lib/documents/detect-document-type';
import { DocumentError } from '@/lib/documents/document-error';
import { runProcess } from '@/lib/documents/run-process';

const OFFICE_COMMANDS = ['soffice', 'libreoffice'];

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

/**
 * Converts an office document with `soffice --headless --convert-to pdf`. LibreOffice
 * only works on files, so this uses a private temp dir (also its user profile, so
 * parallel conversions do not fight over the default profile's lock), removed
 * afterwards whatever happens. Refuses with `office_unsupported` when LibreOffice is
 * not installed, and kills a conversion that runs past `timeoutMs`.
 */
export async function convertOfficeToPdf(bytes: Uint8Array, type: TOfficeType, options: { timeoutMs?: number; searchPath?: string } = {}): Promise<Uint8Array> {
  const command = await findOfficeCommand(options.searchPath);
  if (!command) throw new DocumentError('office_unsupported');

  const dir = await mkdtemp(path.join(tmpdir(), 'nearprint-office-'));
  try {
    const input = path.join(dir, `document.${type}`);
    const outDir = path.join(dir, 'out');
    await writeFile(input, bytes, { mode: 0o600 });
    const result = await runProcess(
      command,
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', outDir, input],
      { timeoutMs: options.timeoutMs ?? 120_000, maxStdoutBytes: 1024 * 1024, cwd: dir },
    );
    try {
      return await readFile(path.join(outDir, 'document.pdf'));
    } catch (error) {
      throw new DocumentError('office_conversion_failed', undefined, {
        cause: error,
        details: `soffice exited ${result.exitCode}: ${result.stderr}`,
      });
    }
  } catch (error) {
    if (error instanceof DocumentError && error.code !== 'timeout') throw error;
    const isTimeout = error instanceof DocumentError;
    throw new DocumentError('office_conversion_failed', isTimeout ? 'Converting this office document took too long. Save it as PDF and upload the PDF instead.' : undefined, {
      cause: error,
      details: isTimeout ? error.details : String(error),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
