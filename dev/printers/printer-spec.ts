import { z } from 'zod';
import { FINISHINGS } from '@/lib/job-options/job-options';
import { MEDIA_NAMES, ZMedia } from '@/lib/job-options/media';

/** ippeveprinter's attribute files expand `$name` and end strings at `"`, so text avoids those. */
const ZConfText = z.string().regex(/^[^"\\$\n]*$/, 'Use no quotes, backslashes, dollar signs or new lines');

export const ZPrinterSupply = z.object({
  description: ZConfText.min(1),
  colorant: z.enum(['black', 'cyan', 'magenta', 'yellow']),
  /** Percent remaining. */
  level: z.number().int().min(0).max(100),
});

/**
 * A simulated IPP Everywhere printer. Defaults describe a colour duplex PDF laser
 * with every Nearprint paper size and A4 loaded.
 */
export const ZPrinterSpec = z
  .object({
    /** DNS-SD service name; also printer-name and printer-info. */
    name: ZConfText.min(1).max(63),
    /** TCP port; a free one is picked when left out. */
    port: z.number().int().min(1024).max(65535).optional(),
    /** Host name in printer-uri-supported; ippeveprinter listens on its addresses only. */
    hostname: z.string().min(1).default('localhost'),
    /** Where received documents are kept (ippeveprinter -k). Created when missing. */
    spoolDir: z.string().min(1),
    documentFormats: z
      .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
      .min(1)
      .default(['application/pdf', 'image/pwg-raster', 'image/jpeg']),
    isColor: z.boolean().default(true),
    isDuplex: z.boolean().default(true),
    /** Mono speed in impressions per minute; the simulated print time follows it. */
    pagesPerMinute: z.number().int().min(1).max(6000).default(30),
    /** Colour speed; defaults to the mono speed. Ignored when not isColor. */
    pagesPerMinuteColor: z.number().int().min(1).max(6000).optional(),
    media: z
      .array(ZMedia)
      .min(1)
      .default([...MEDIA_NAMES]),
    /** Loaded paper; the first is media-default. */
    mediaReady: z.array(ZMedia).min(1).default(['iso_a4_210x297mm']),
    finishings: z.array(z.enum(FINISHINGS)).default([]),
    makeAndModel: ZConfText.min(1).default('Nearprint Simulated Laser'),
    location: ZConfText.default(''),
    geoLocation: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
    /** ippeveprinter -A: every operation but Get-Printer-Attributes needs HTTP Basic (PAM) credentials. */
    requiresAuth: z.boolean().default(false),
    firmware: ZConfText.min(1).default('1.0.0'),
    resolutionsDpi: z.array(z.number().int().positive()).min(1).default([300, 600]),
    /** Supply levels; default full-ish toner for each colorant the printer has. */
    supplies: z.array(ZPrinterSupply).optional(),
  })
  .refine((spec) => spec.mediaReady.every((media) => spec.media.includes(media)), {
    message: 'Loaded paper must be among the supported paper sizes',
    path: ['mediaReady'],
  });

export type TPrinterSpecInput = z.input<typeof ZPrinterSpec>;
export type TPrinterSpec = z.output<typeof ZPrinterSpec>;
