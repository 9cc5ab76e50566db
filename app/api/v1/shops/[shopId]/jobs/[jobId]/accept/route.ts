import { withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { acceptApiJob } from '@/lib/shop-api/shop-api-operations';

// POST /api/v1/shops/{shopId}/jobs/{jobId}/accept – accept a job waiting for acceptance (write key)
export const POST = withApiKey('write', async (_request, { key, params }) => acceptApiJob(key, params.jobId));
