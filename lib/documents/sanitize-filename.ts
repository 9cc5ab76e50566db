const DIRECTIONAL_AND_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_EXTENSION_LENGTH = 10;

/**
 * A filename safe to display and to use as a download name: only the last path
 * segment is kept (so `../../x.pdf` is `x.pdf`), control characters and bidi
 * overrides (which can disguise `gpj.exe` as `exe.jpg`) are removed, and the length
 * is capped in characters while keeping the extension. Never returns an empty string.
 */
export function sanitizeFilename(name: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const maxLength = options.maxLength ?? 120;
  const fallback = options.fallback ?? 'document';
  const lastSegment = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(CONTROL, '')
    .replace(DIRECTIONAL_AND_INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const safe = WINDOWS_DEVICE_NAME.test(cleaned) ? `_${cleaned}` : cleaned;
  return truncateKeepingExtension(safe, maxLength) || fallback;
}

function truncateKeepingExtension(name: string, maxLength: number): string {
  const chars = Array.from(name);
  if (chars.length <= maxLength) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length === 0 || extension.length > MAX_EXTENSION_LENGTH || extension.length >= maxLength) {
    return chars.slice(0, maxLength).join('').trimEnd();
  }
  const base = Array.from(name.slice(0, dot)).slice(0, maxLength - extension.length);
  return base.join('').trimEnd() + extension.join('');
}
