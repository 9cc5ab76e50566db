import { execFile } from 'node:child_process';
import { access, constants, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const REQUIRED = [
  { binary: 'ippeveprinter', debianPackage: 'cups-ipp-utils' },
  { binary: 'dbus-daemon', debianPackage: 'dbus' },
  { binary: 'avahi-daemon', debianPackage: 'avahi-daemon' },
] as const;

const DBUS_PID_FILE = '/run/dbus/pid';

/** sbin directories are not on every user's PATH, but that is where avahi-daemon lives. */
export async function findBinary(name: string): Promise<string | null> {
  const directories = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  for (const directory of directories.filter(Boolean)) {
    const candidate = path.join(directory, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}

async function isPidFileAlive(pidFile: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runOrExplain(binary: string, args: string[], what: string): Promise<void> {
  try {
    await run(binary, args, { timeout: 10_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `Could not start ${what} (${binary} ${args.join(' ')}): ${stderr || (error as Error).message}. ` + 'Starting the system D-Bus and Avahi needs root; start them yourself, then retry.',
      { cause: error },
    );
  }
}

async function isAvahiRunning(avahi: string): Promise<boolean> {
  try {
    await run(avahi, ['--check']);
    return true;
  } catch {
    return false;
  }
}

async function waitForAvahi(avahi: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await isAvahiRunning(avahi)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('avahi-daemon was started but does not report itself running after 5 s.');
}

async function ensure(): Promise<void> {
  const binaries: Record<string, string> = {};
  for (const { binary, debianPackage } of REQUIRED) {
    const found = await findBinary(binary);
    if (!found) {
      throw new Error(`${binary} is not installed. Install the Debian package ${debianPackage} (apt-get install ${debianPackage}).`);
    }
    binaries[binary] = found;
  }

  if (!(await isPidFileAlive(DBUS_PID_FILE))) {
    await mkdir('/run/dbus', { recursive: true });
    await rm(DBUS_PID_FILE, { force: true });
    await runOrExplain(binaries['dbus-daemon'], ['--system', '--fork'], 'the system D-Bus');
  }
  if (!(await isAvahiRunning(binaries['avahi-daemon']))) {
    await runOrExplain(binaries['avahi-daemon'], ['--no-drop-root', '-D'], 'the Avahi DNS-SD daemon');
    await waitForAvahi(binaries['avahi-daemon']);
  }
}

let ensured: Promise<void> | undefined;

/**
 * ippeveprinter exits at start ("Unable to initialize DNS-SD") without an Avahi
 * daemon, and Avahi needs the system D-Bus. Starts whichever is not running; safe to
 * call any number of times (one check per process, retried after a failure).
 */
export function ensurePrinterPrerequisites(): Promise<void> {
  ensured ??= ensure().catch((error: unknown) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}
