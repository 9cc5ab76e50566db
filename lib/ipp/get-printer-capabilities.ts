import { ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { mapPrinterCapabilities, PRINTER_CAPABILITY_ATTRIBUTES, type TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';

/** Asks a printer what it can do (Get-Printer-Attributes, RFC 8011 §4.2.5). */
export async function getPrinterCapabilities(uri: string, options?: TIppCallOptions): Promise<TPrinterCapabilities> {
  const response = await ippRequest(
    {
      uri,
      operation: 'Get-Printer-Attributes',
      operationAttributes: { 'requested-attributes': PRINTER_CAPABILITY_ATTRIBUTES },
    },
    options,
  );
  return mapPrinterCapabilities(response.printerAttributes);
}
