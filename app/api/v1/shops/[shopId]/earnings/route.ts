import { withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { getApiEarnings } from '@/lib/shop-api/shop-api-operations';

// GET /api/v1/shops/{shopId}/earnings – balance, money in progress, payouts and each order's earning (read key)
export const GET = withApiKey('read', async (_request, { key }) => getApiEarnings(key));
