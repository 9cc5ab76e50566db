import type { TPrinterState } from '@/db/schema';

/**
 * printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9) in plain words. Reasons
 * carry a severity suffix (-error, -warning, -report) which decides how loudly to show them.
 */
const REASON_WORDS: Record<string, string> = {
  'media-empty': 'Out of paper',
  'media-needed': 'Needs paper loaded',
  'media-jam': 'Paper jam',
  'media-low': 'Paper running low',
  'marker-supply-empty': 'Out of toner or ink',
  'marker-supply-low': 'Toner or ink running low',
  'toner-empty': 'Out of toner',
  'toner-low': 'Toner running low',
  'marker-waste-full': 'Waste toner box full',
  'marker-waste-almost-full': 'Waste toner box almost full',
  'door-open': 'A door is open',
  'cover-open': 'A cover is open',
  'input-tray-missing': 'A paper tray is missing',
  'output-area-full': 'Output tray full',
  paused: 'Paused at the printer',
  'moving-to-paused': 'Pausing',
  offline: 'Printer reports it is offline',
  'connecting-to-device': 'Connecting',
  'spool-area-full': 'Printer memory full',
  'stopped-partly': 'Partly stopped',
  shutdown: 'Shutting down',
  'timed-out': 'Not responding',
};

export type TReasonSeverity = 'error' | 'warning' | 'report';
export type TDescribedReason = { keyword: string; words: string; severity: TReasonSeverity };

export function describeStateReason(reason: string): TDescribedReason {
  const match = /^(.*?)-(error|warning|report)$/.exec(reason);
  const keyword = match ? match[1] : reason;
  // Without a suffix the reason is an error (RFC 8011: suffix-less values are errors), except a few that are only informational.
  const severity = (match?.[2] as TReasonSeverity | undefined) ?? (keyword === 'none' ? 'report' : 'error');
  return { keyword, severity, words: REASON_WORDS[keyword] ?? keyword.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) };
}

export type TPrinterHealth = { label: string; tone: 'good' | 'warn' | 'bad' | 'neutral' };

/** One short label for a printer's overall condition, as a shop owner would say it. */
export function printerHealth(printer: { isEnabled: boolean; isOnline: boolean; state: TPrinterState; stateReasons: string[] }): TPrinterHealth {
  if (!printer.isEnabled) return { label: 'Disabled in Nearprint', tone: 'neutral' };
  if (!printer.isOnline) return { label: 'Offline', tone: 'bad' };
  const reasons = printer.stateReasons.map(describeStateReason);
  const error = reasons.find((r) => r.severity === 'error');
  if (printer.state === 'stopped') return { label: error ? `Stopped: ${error.words}` : 'Stopped', tone: 'bad' };
  if (error) return { label: error.words, tone: 'bad' };
  if (printer.state === 'processing') return { label: 'Printing', tone: 'good' };
  if (printer.state === 'idle') return { label: 'Ready', tone: 'good' };
  return { label: 'Unknown', tone: 'neutral' };
}
