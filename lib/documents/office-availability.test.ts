import { describe, expect, it } from 'vitest';
import { cachedOfficeAvailability, type TOfficeAvailability } from './office-availability';

const ON: TOfficeAvailability = { isAvailable: true, version: 'LibreOffice 7.4.7.2' };
const OFF: TOfficeAvailability = { isAvailable: false, version: null };

describe('cachedOfficeAvailability', () => {
  it('asks again after the interval while LibreOffice is missing, and keeps a yes for good', async () => {
    let clock = 0;
    const answers = [OFF, OFF, ON, OFF];
    let probes = 0;
    const availability = cachedOfficeAvailability(async () => answers[probes++], { recheckMs: 30_000, now: () => clock });

    expect(await availability()).toEqual(OFF);
    clock = 10_000;
    expect(await availability()).toEqual(OFF);
    expect(probes).toBe(1);

    clock = 31_000; // installing in the background, not done yet
    expect(await availability()).toEqual(OFF);
    expect(probes).toBe(2);

    clock = 62_000; // installed: noticed without a restart
    expect(await availability()).toEqual(ON);
    expect(probes).toBe(3);

    clock = 1_000_000;
    expect(await availability()).toEqual(ON);
    expect(probes).toBe(3);
  });

  it('probes once for callers that ask at the same time', async () => {
    let probes = 0;
    const availability = cachedOfficeAvailability(async () => {
      probes++;
      return OFF;
    });
    await Promise.all([availability(), availability(), availability()]);
    expect(probes).toBe(1);
  });
});
