import { z } from 'zod';

export const ZAddPrinterRequest = z.object({
  name: z.string().trim().min(1, 'Give the printer a name the staff recognise, e.g. “Front counter colour”').max(80, 'Keep the name under 80 characters'),
  uri: z.string().trim().min(1, 'Enter the printer address, for example ipp://192.168.1.20/ipp/print').max(500, 'That address is too long'),
});
export type TAddPrinterRequest = z.infer<typeof ZAddPrinterRequest>;
