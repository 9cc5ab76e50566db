import { pickFinishingKeyword } from '@/lib/ipp/finishings';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import type { TFinishing, TJobOptions } from '@/lib/job-options/job-options';
import type { TPrinterOutputCaps } from './choose-output';
import type { TPipelineResult } from './run-pipeline';

/** What the output stage of the pipeline needs to know about the chosen printer. */
export function outputCapsFor(capabilities: TPrinterCapabilities): TPrinterOutputCaps {
  return { documentFormats: capabilities.documentFormats, resolutionsDpi: capabilities.resolutionsDpi, isColor: capabilities.isColor, canCopy: capabilities.copiesMax > 1 };
}

/**
 * The Job Template attributes to send with the converted output. Only values the printer
 * lists as supported are sent: a printer that knows no `sides` would record none, and the
 * check of what it recorded (compareRequestedOptions) must only hold it to what it offers.
 * canPrinterDoJob already made sure the printer offers what the job needs.
 */
export function ippTemplateFor(
  options: TJobOptions,
  result: Pick<TPipelineResult, 'sides' | 'printColorMode' | 'copiesForPrinter'>,
  capabilities: TPrinterCapabilities,
  finishing: TFinishing | 'none',
): TJobTemplate {
  const template: TJobTemplate = { media: options.media };
  if (capabilities.sides.includes(result.sides)) template.sides = result.sides;
  if (capabilities.colorModes.includes(result.printColorMode)) template.printColorMode = result.printColorMode;
  if (result.copiesForPrinter > 1 || capabilities.copiesMax > 1) template.copies = result.copiesForPrinter;
  if (finishing !== 'none') template.finishings = [pickFinishingKeyword(finishing, capabilities.finishingKeywords)];
  return template;
}

/** Impressions the printer must report for the converted output: its pages times the copies it makes. */
export function expectedImpressionsFor(result: Pick<TPipelineResult, 'pageCount' | 'copiesForPrinter'>): number {
  return result.pageCount * result.copiesForPrinter;
}
