import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { mapPrinterStatus } from '@/lib/ipp/printer-status';

describe('mapPrinterStatus', () => {
  it('maps an idle ippeveprinter with printer-supply levels', () => {
    expect(mapPrinterStatus(loadFixture('color-duplex-pdf').printerAttributes)).toEqual({
      state: 'idle',
      stateReasons: [],
      stateMessage: 'Idle.',
      isAcceptingJobs: true,
      queuedJobCount: 0,
      markers: [
        { name: 'Black Toner', type: 'toner', color: '#000000', level: 80 },
        { name: 'Cyan Toner', type: 'toner', color: '#00FFFF', level: 65 },
        { name: 'Magenta Toner', type: 'toner', color: '#FF00FF', level: 55 },
        { name: 'Yellow Toner', type: 'toner', color: '#FFFF00', level: 45 },
      ],
    });
  });

  it('prefers CUPS marker-* attributes, with unknown levels as null', () => {
    const status = mapPrinterStatus({
      'printer-state': 5,
      'printer-state-reasons': ['media-empty-error', 'toner-low-warning'],
      'printer-is-accepting-jobs': false,
      'queued-job-count': 3,
      'marker-names': ['Black', 'Colour'],
      'marker-types': ['toner', 'toner'],
      'marker-colors': ['#000000', '#00FFFF#FF00FF#FFFF00'],
      'marker-levels': [7, -3],
      'printer-supply': 'index=1;type=toner;maxcapacity=100;level=99;colorantname=black;',
    });
    expect(status).toEqual({
      state: 'stopped',
      stateReasons: ['media-empty-error', 'toner-low-warning'],
      stateMessage: null,
      isAcceptingJobs: false,
      queuedJobCount: 3,
      markers: [
        { name: 'Black', type: 'toner', color: '#000000', level: 7 },
        { name: 'Colour', type: 'toner', color: '#00FFFF', level: null },
      ],
    });
  });

  it('computes percentages from printer-supply capacities and names unnamed supplies', () => {
    const status = mapPrinterStatus({
      'printer-state': 'processing',
      'printer-state-reasons': 'none',
      'printer-supply': [
        'index=1;class=supplyThatIsConsumed;type=toner;unit=impressions;maxcapacity=20000;level=5000;colorantname=black;',
        'index=2;class=receptacleThatIsFilled;type=wasteToner;unit=percent;maxcapacity=-2;level=-2;colorantname=unknown;',
      ],
    });
    expect(status.state).toBe('processing');
    expect(status.stateReasons).toEqual([]);
    expect(status.markers).toEqual([
      { name: 'black toner', type: 'toner', color: '#000000', level: 25 },
      { name: 'unknown wasteToner', type: 'wasteToner', color: null, level: null },
    ]);
  });

  it('reads a missing printer-state as stopped', () => {
    expect(mapPrinterStatus({}).state).toBe('stopped');
  });
});
