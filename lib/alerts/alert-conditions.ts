import type { TAlertKind } from '@/db/schema/alerts';
import type { TPrinterMarker } from '@/lib/ipp/printer-status';

/** A condition that should have an open alert: what it is, what to do, and what it was seen with. */
export type TAlertCondition = { kind: TAlertKind; title: string; action: string; data: Record<string, unknown> };

/** The printer kinds: an open alert of one of these whose condition is gone is cleared. */
export const PRINTER_ALERT_KINDS = ['printer_offline', 'marker_low', 'media_problem'] as const satisfies readonly TAlertKind[];

/** Below this percentage a toner or ink counts as low (the issue's "under 10 %"). */
export const MARKER_LOW_PERCENT = 10;

/**
 * printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9) that mean paper is out or stuck, with the
 * words the shop reads. The severity suffix (-error, -warning, -report) is ignored: a jam
 * reported as a warning still needs someone at the printer.
 */
const MEDIA_REASONS: Record<string, string> = {
  'media-empty': 'out of paper',
  'media-needed': 'asking for paper to be loaded',
  'media-jam': 'jammed',
  'media-path-failure': 'reporting a paper path failure',
  'input-tray-missing': 'missing a paper tray',
};

/** Reasons that say a supply is out or low even when the printer reports no levels. */
const MARKER_REASONS: Record<string, string> = {
  'marker-supply-empty': 'empty',
  'toner-empty': 'empty',
  'marker-supply-low': 'low',
  'toner-low': 'low',
};

function keywordOf(reason: string): string {
  return reason.replace(/-(error|warning|report)$/, '');
}

/** Consumables whose level is how much is left; waste containers report how full they are instead. */
function isConsumable(marker: TPrinterMarker): boolean {
  return !/waste/i.test(marker.type ?? '') && !/waste/i.test(marker.name);
}

/**
 * The printer alerts its recorded state can clear: all of them for a printer that answers (or
 * was switched off), none for a silent one: its last supplies and paper are stale, and an
 * offline alert, once raised, lasts until the printer answers again.
 */
export function clearablePrinterAlertKinds(printer: { isEnabled: boolean; isOnline: boolean }): readonly TAlertKind[] {
  return printer.isOnline || !printer.isEnabled ? PRINTER_ALERT_KINDS : [];
}

export type TPrinterForAlerts = {
  name: string;
  isEnabled: boolean;
  isOnline: boolean;
  stateReasons: string[];
  markers: TPrinterMarker[];
  /** The last answer from the printer; null when it never answered. */
  lastSeenAt: Date | null;
  createdAt: Date;
};

/**
 * Which printer alerts should be open now. A disabled printer raises none (the owner switched it
 * off on purpose). An offline printer raises only the offline alert once it has been silent for
 * `offlineAfterMs`: its last reported supplies and paper are stale, and it is the one thing to fix.
 */
export function printerAlertConditions(printer: TPrinterForAlerts, options: { now: Date; offlineAfterMs: number }): TAlertCondition[] {
  if (!printer.isEnabled) return [];
  if (!printer.isOnline) {
    const silentSince = printer.lastSeenAt ?? printer.createdAt;
    if (options.now.getTime() - silentSince.getTime() < options.offlineAfterMs) return [];
    return [
      {
        kind: 'printer_offline',
        title: `${printer.name} is offline`,
        action: 'Check that it is switched on, has no error on its panel, and is connected to the network (or that the shop agent is running). Its jobs wait or move to your other printers.',
        data: { lastSeenAt: printer.lastSeenAt?.toISOString() ?? null },
      },
    ];
  }
  const conditions: TAlertCondition[] = [];
  const keywords = printer.stateReasons.map(keywordOf);

  const low = printer.markers.filter((marker) => isConsumable(marker) && marker.level !== null && marker.level < MARKER_LOW_PERCENT);
  const reasonMarkers = keywords.filter((keyword) => keyword in MARKER_REASONS);
  if (low.length || reasonMarkers.length) {
    const isEmpty = low.some((marker) => marker.level === 0) || reasonMarkers.some((keyword) => MARKER_REASONS[keyword] === 'empty');
    const names = low.map((marker) => `${marker.name} ${marker.level} %`);
    conditions.push({
      kind: 'marker_low',
      title: `${printer.name}: ${isEmpty ? 'toner or ink is empty' : 'toner or ink is low'}${names.length ? ` (${names.join(', ')})` : ''}`,
      action: isEmpty ? 'Replace the empty cartridge now: the printer cannot print until it is replaced.' : 'Have a replacement cartridge ready and replace it soon.',
      data: { markers: low.map(({ name, level }) => ({ name, level })), reasons: printer.stateReasons.filter((reason) => keywordOf(reason) in MARKER_REASONS) },
    });
  }

  const media = keywords.filter((keyword) => keyword in MEDIA_REASONS);
  if (media.length) {
    const isJam = media.some((keyword) => keyword === 'media-jam' || keyword === 'media-path-failure');
    conditions.push({
      kind: 'media_problem',
      title: `${printer.name} is ${[...new Set(media.map((keyword) => MEDIA_REASONS[keyword]))].join(' and ')}`,
      action: isJam ? 'Open the printer and clear the jammed paper, following the steps on its panel.' : 'Load paper into the tray the printer asks for.',
      data: { reasons: printer.stateReasons.filter((reason) => keywordOf(reason) in MEDIA_REASONS) },
    });
  }
  return conditions;
}
