import type { TNewPrinter } from '@/db/schema';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import type { TPrinterStatus } from '@/lib/ipp/printer-status';

/** Finishings Nearprint sells; the printer's other kinds (fold, trim…) are kept in `capabilities`. */
const SOLD_FINISHINGS = new Set(['staple', 'punch', 'bind']);

/** The columns scheduling and search filter on, derived from the printer's own report. */
export function printerColumnsFromCapabilities(capabilities: TPrinterCapabilities) {
  return {
    capabilities,
    makeAndModel: capabilities.makeAndModel,
    documentFormats: capabilities.documentFormats,
    isColor: capabilities.isColor,
    isDuplex: capabilities.isDuplex,
    media: capabilities.media,
    finishings: capabilities.finishings.filter((f) => SOLD_FINISHINGS.has(f)),
    // A printer that does not report its speed is assumed slow rather than infinitely fast.
    pagesPerMinute: Math.max(1, capabilities.pagesPerMinute ?? 10),
    pagesPerMinuteColor: capabilities.isColor ? (capabilities.pagesPerMinuteColor ?? capabilities.pagesPerMinute) : null,
  } satisfies Partial<TNewPrinter>;
}

export function printerColumnsFromStatus(status: TPrinterStatus) {
  return {
    state: status.state,
    stateReasons: status.stateReasons,
    stateMessage: status.stateMessage ?? '',
    queuedJobCount: status.queuedJobCount,
    markers: status.markers,
  } satisfies Partial<TNewPrinter>;
}
