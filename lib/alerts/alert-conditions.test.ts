import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { decodeIppResponse } from '@/lib/ipp/ipp-codec';
import { mapPrinterStatus, type TPrinterStatus } from '@/lib/ipp/printer-status';
import { clearablePrinterAlertKinds, printerAlertConditions, type TPrinterForAlerts } from './alert-conditions';

const NOW = new Date('2026-12-06T10:00:00Z');
const OPTIONS = { now: NOW, offlineAfterMs: 5 * 60_000 };

function printer(status: Pick<TPrinterStatus, 'stateReasons' | 'markers'>, overrides: Partial<TPrinterForAlerts> = {}): TPrinterForAlerts {
  return { name: 'Counter', isEnabled: true, isOnline: true, lastSeenAt: NOW, createdAt: new Date('2026-01-01T00:00:00Z'), ...status, ...overrides };
}

/** What a real ippeveprinter answered after its /supplies form set Cyan to 5 % (recorded 2026-12-06; it reports the first supply as waste toner). */
const RECORDED_TONER_LOW: TPrinterStatus = {
  state: 'idle',
  stateReasons: ['toner-low-report'],
  stateMessage: 'Idle.',
  isAcceptingJobs: true,
  queuedJobCount: 0,
  markers: [
    { name: 'Black Toner', type: 'wasteToner', color: null, level: 0 },
    { name: 'Cyan Toner', type: 'toner', color: '#000000', level: 5 },
    { name: 'Magenta Toner', type: 'toner', color: '#00FFFF', level: 55 },
    { name: 'Yellow Toner', type: 'toner', color: '#FF00FF', level: 45 },
  ],
};

describe('printerAlertConditions', () => {
  it('raises nothing for the recorded healthy colour printer', () => {
    const status = mapPrinterStatus(decodeIppResponse(loadFixture('color-duplex-pdf').raw).printerAttributes);
    expect(status.markers.length).toBeGreaterThan(0);
    expect(printerAlertConditions(printer(status), OPTIONS)).toEqual([]);
  });

  it('raises toner low from the recorded answer, ignoring the waste container', () => {
    const [low] = printerAlertConditions(printer(RECORDED_TONER_LOW), OPTIONS);
    expect(low).toMatchObject({ kind: 'marker_low', title: 'Counter: toner or ink is low (Cyan Toner 5 %)', data: { markers: [{ name: 'Cyan Toner', level: 5 }], reasons: ['toner-low-report'] } });
  });

  it('calls an empty cartridge empty, at 0 % or by reason alone', () => {
    expect(printerAlertConditions(printer({ stateReasons: [], markers: [{ name: 'Black', type: 'toner', color: null, level: 0 }] }), OPTIONS)[0].title).toBe(
      'Counter: toner or ink is empty (Black 0 %)',
    );
    expect(printerAlertConditions(printer({ stateReasons: ['marker-supply-empty-error'], markers: [] }), OPTIONS)[0]).toMatchObject({ kind: 'marker_low', title: 'Counter: toner or ink is empty' });
    expect(printerAlertConditions(printer({ stateReasons: [], markers: [{ name: 'Black', type: 'toner', color: null, level: 10 }] }), OPTIONS)).toEqual([]);
    expect(printerAlertConditions(printer({ stateReasons: [], markers: [{ name: 'Black', type: 'toner', color: null, level: null }] }), OPTIONS)).toEqual([]);
  });

  it('raises paper out and jams whatever their severity suffix', () => {
    expect(printerAlertConditions(printer({ stateReasons: ['media-empty-report'], markers: [] }), OPTIONS)[0]).toMatchObject({ kind: 'media_problem', title: 'Counter is out of paper' });
    expect(printerAlertConditions(printer({ stateReasons: ['media-jam-error', 'media-needed-warning'], markers: [] }), OPTIONS)[0]).toMatchObject({
      title: 'Counter is jammed and asking for paper to be loaded',
      action: expect.stringMatching(/clear the jammed paper/),
    });
    expect(printerAlertConditions(printer({ stateReasons: ['media-low-report', 'door-open-error'], markers: [] }), OPTIONS)).toEqual([]);
  });

  it('raises offline only after the configured minutes, and nothing else while silent', () => {
    const silent = (minutes: number) => printer(RECORDED_TONER_LOW, { isOnline: false, lastSeenAt: new Date(NOW.getTime() - minutes * 60_000) });
    expect(printerAlertConditions(silent(4.9), OPTIONS)).toEqual([]);
    expect(printerAlertConditions(silent(5), OPTIONS).map((c) => c.kind)).toEqual(['printer_offline']);
    expect(printerAlertConditions(printer(RECORDED_TONER_LOW, { isOnline: false, lastSeenAt: null, createdAt: new Date(NOW.getTime() - 3_600_000) }), OPTIONS)).toHaveLength(1);
    expect(clearablePrinterAlertKinds({ isEnabled: true, isOnline: false })).toEqual([]);
  });

  it('raises nothing for a printer its owner switched off, and clears everything', () => {
    expect(printerAlertConditions(printer(RECORDED_TONER_LOW, { isEnabled: false, isOnline: false, lastSeenAt: null }), OPTIONS)).toEqual([]);
    expect(clearablePrinterAlertKinds({ isEnabled: false, isOnline: false })).toEqual(['printer_offline', 'marker_low', 'media_problem']);
  });
});
