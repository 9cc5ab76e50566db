import { withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { listApiPrinters } from '@/lib/shop-api/shop-api-operations';

// GET /api/v1/shops/{shopId}/printers – the shop's printers and their state (read key)
export const GET = withApiKey('read', async (_request, { key }) => ({ printers: await listApiPrinters(key) }));
