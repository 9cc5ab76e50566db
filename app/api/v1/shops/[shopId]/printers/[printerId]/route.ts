import { withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { getApiPrinter } from '@/lib/shop-api/shop-api-operations';

// GET /api/v1/shops/{shopId}/printers/{printerId} – one printer's state (read key)
export const GET = withApiKey('read', async (_request, { key, params }) => getApiPrinter(key, params.printerId));
