import { withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { getApiJob } from '@/lib/shop-api/shop-api-operations';

// GET /api/v1/shops/{shopId}/jobs/{jobId} – one job (read key)
export const GET = withApiKey('read', async (_request, { key, params }) => getApiJob(key, params.jobId));
