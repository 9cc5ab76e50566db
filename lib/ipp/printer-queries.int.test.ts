import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { canPrinterDoJob } from '@/lib/ipp/can-printer-do-job';
import { getPrinterCapabilities } from '@/lib/ipp/get-printer-capabilities';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';

describe('Get-Printer-Attributes against real ippeveprinter printers', () => {
  let root: string;
  let colour: TPrinterHandle;
  let mono: TPrinterHandle;
  const consoleLog = vi.spyOn(console, 'log');

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-ipp-queries-'));
    [colour, mono] = await Promise.all([
      startPrinter(
        colorDuplexPdfPrinter({
          name: 'Queries Colour',
          port: 18620,
          spoolDir: path.join(root, 'colour'),
          location: 'Counter',
          geoLocation: { lat: 52.52, lon: 13.405 },
          finishings: ['staple', 'punch', 'bind'],
          supplies: [
            { description: 'Black Toner', colorant: 'black', level: 12 },
            { description: 'Cyan Toner', colorant: 'cyan', level: 100 },
          ],
        }),
      ),
      startPrinter(monoRasterPrinter({ name: 'Queries Mono', port: 18621, spoolDir: path.join(root, 'mono') })),
    ]);
  });

  afterAll(async () => {
    await Promise.all([colour?.stop(), mono?.stop()]);
    await rm(root, { recursive: true, force: true });
    expect(consoleLog).not.toHaveBeenCalled();
  });

  it('reads the capabilities of the colour duplex PDF printer', async () => {
    expect(await getPrinterCapabilities(colour.uri)).toMatchObject({
      name: 'Queries Colour',
      makeAndModel: 'Nearprint ColorLaser 3020',
      location: 'Counter',
      geoLocation: { lat: 52.52, lon: 13.405 },
      supportsPdf: true,
      supportsCreateJob: true,
      isColor: true,
      isDuplex: true,
      colorModes: ['auto', 'color', 'monochrome'],
      mediaReady: ['iso_a4_210x297mm', 'iso_a3_297x420mm'],
      finishings: ['none', 'staple', 'punch', 'bind'],
      pagesPerMinute: 30,
      pagesPerMinuteColor: 20,
      resolutionsDpi: [300, 600],
      copiesMax: 999,
    });
  });

  it('reads the mono raster-only printer as mono, one-sided and without PDF', async () => {
    const capabilities = await getPrinterCapabilities(mono.uri);
    expect(capabilities).toMatchObject({
      isColor: false,
      colorModes: ['monochrome'],
      isDuplex: false,
      supportsPdf: false,
      supportsPwgRaster: true,
      pagesPerMinuteColor: null,
    });
    expect(capabilities.documentFormats).not.toContain('application/pdf');
    expect(canPrinterDoJob(capabilities, { media: 'iso_a4_210x297mm', colorMode: 'color', isDuplex: false, finishing: 'none' }).canPrint).toBe(false);
  });

  it('reads live status with supply levels', async () => {
    expect(await getPrinterStatus(colour.uri)).toEqual({
      state: 'idle',
      stateReasons: [],
      stateMessage: 'Idle.',
      isAcceptingJobs: true,
      queuedJobCount: 0,
      markers: [
        { name: 'Black Toner', type: 'toner', color: '#000000', level: 12 },
        { name: 'Cyan Toner', type: 'toner', color: '#00FFFF', level: 100 },
      ],
    });
  });

  it('talks ipps:// to the same printer (self-signed certificate accepted by default)', async () => {
    const secure = colour.uri.replace(/^ipp:/, 'ipps:');
    expect((await getPrinterStatus(secure)).state).toBe('idle');
    await expect(getPrinterStatus(secure, { verifyCertificate: true })).rejects.toMatchObject({
      code: 'not_ipp',
      message: expect.stringMatching(/certificate/),
    });
  });
});
