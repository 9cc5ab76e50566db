import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/lib/ipp/fixtures/load-fixture';
import { mapPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import { choosePrinter, estimatedFinishMs, JOB_OVERHEAD_MS, LOOKAHEAD_JOBS, STOPPED_PENALTY_MS, type TCandidatePrinter, type TJobDemand } from './choose-printer';

const colourCaps = mapPrinterCapabilities(loadFixture('color-duplex-pdf').printerAttributes);
const monoCaps = mapPrinterCapabilities(loadFixture('mono-raster').printerAttributes);

function printer(overrides: Partial<TCandidatePrinter> & Pick<TCandidatePrinter, 'id'>): TCandidatePrinter {
  return {
    name: overrides.id,
    isEnabled: true,
    isOnline: true,
    state: 'idle',
    stateReasons: [],
    capabilities: colourCaps,
    pagesPerMinute: 30,
    pagesPerMinuteColor: 20,
    backlogImpressions: 0,
    backlogJobs: 0,
    waitingJobs: 0,
    ...overrides,
  };
}

const mono10: TJobDemand = { needs: { media: 'iso_a4_210x297mm', colorMode: 'monochrome', isDuplex: false, finishing: 'none' }, impressions: 10, isColor: false };

describe('choosePrinter', () => {
  it('picks the printer that finishes earliest: backlog and speed, not just the idle one', () => {
    const fastBusy = printer({ id: 'a-fast', pagesPerMinute: 60, backlogImpressions: 20, backlogJobs: 1 });
    const slowIdle = printer({ id: 'b-slow', pagesPerMinute: 10 });
    // fast: (20 + 10) impressions at 1 s + 2 jobs of overhead = 32 s; slow: 10 at 6 s + 1 = 61 s
    const choice = choosePrinter([slowIdle, fastBusy], mono10);
    expect(choice).toMatchObject({ kind: 'chosen', printer: { id: 'a-fast' }, estimatedFinishMs: 30_000 + 2 * JOB_OVERHEAD_MS, hasFreeSlot: true });
  });

  it('uses the colour speed for colour jobs', () => {
    const colourJob: TJobDemand = { ...mono10, needs: { ...mono10.needs, colorMode: 'color' }, isColor: true };
    expect(estimatedFinishMs(printer({ id: 'c', pagesPerMinute: 60, pagesPerMinuteColor: 30 }), colourJob)).toBe(20_000 + JOB_OVERHEAD_MS);
  });

  it('gives a duplex or colour job only to a printer that can do it', () => {
    const mono = printer({ id: 'a-mono', capabilities: monoCaps, pagesPerMinute: 100 });
    const colour = printer({ id: 'b-colour', backlogImpressions: 500, backlogJobs: 5 });
    expect(choosePrinter([mono, colour], { ...mono10, needs: { ...mono10.needs, isDuplex: true } })).toMatchObject({ printer: { id: 'b-colour' } });
    expect(choosePrinter([mono, colour], { ...mono10, needs: { ...mono10.needs, colorMode: 'auto', hasColorPages: true }, isColor: true })).toMatchObject({ printer: { id: 'b-colour' } });
    expect(choosePrinter([mono, colour], mono10)).toMatchObject({ printer: { id: 'a-mono' } });
  });

  it('skips disabled and offline printers and says why none fits', () => {
    const choice = choosePrinter([printer({ id: 'off', isOnline: false }), printer({ id: 'dis', isEnabled: false }), printer({ id: 'mono', capabilities: monoCaps })], {
      ...mono10,
      needs: { ...mono10.needs, isDuplex: true },
    });
    expect(choice).toEqual({
      kind: 'none',
      reasons: [
        { printerId: 'off', name: 'off', why: 'offline' },
        { printerId: 'dis', name: 'dis', why: 'disabled' },
        { printerId: 'mono', name: 'mono', why: 'This printer cannot print on both sides.' },
      ],
    });
  });

  it('sends work away from a stopped printer (out of paper) while another can take it', () => {
    const stopped = printer({ id: 'a', state: 'stopped', stateReasons: ['media-empty-error'] });
    const busy = printer({ id: 'b', backlogImpressions: 100, backlogJobs: 3 });
    expect(choosePrinter([stopped, busy], mono10)).toMatchObject({ printer: { id: 'b' } });
    expect(estimatedFinishMs(stopped, mono10)).toBeGreaterThanOrEqual(STOPPED_PENALTY_MS);
  });

  it('breaks ties by fewer jobs, then by id, so every worker picks the same', () => {
    expect(choosePrinter([printer({ id: 'b' }), printer({ id: 'a' })], mono10)).toMatchObject({ printer: { id: 'a' } });
  });

  it('waits for the best printer when it already has enough lined up, rather than taking a slower one', () => {
    const best = printer({ id: 'a', pagesPerMinute: 600, waitingJobs: LOOKAHEAD_JOBS, backlogJobs: LOOKAHEAD_JOBS, backlogImpressions: 20 });
    const slow = printer({ id: 'b', pagesPerMinute: 5 });
    expect(choosePrinter([best, slow], mono10)).toMatchObject({ kind: 'chosen', printer: { id: 'a' }, hasFreeSlot: false });
  });
});
