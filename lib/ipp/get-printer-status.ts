import { ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { mapPrinterStatus, PRINTER_STATUS_ATTRIBUTES, type TPrinterStatus } from '@/lib/ipp/printer-status';

/** The printer's live state, queue length and supply levels (for polling). */
export async function getPrinterStatus(uri: string, options?: TIppCallOptions): Promise<TPrinterStatus> {
  const response = await ippRequest(
    {
      uri,
      operation: 'Get-Printer-Attributes',
      operationAttributes: { 'requested-attributes': PRINTER_STATUS_ATTRIBUTES },
    },
    options,
  );
  return mapPrinterStatus(response.printerAttributes);
}
