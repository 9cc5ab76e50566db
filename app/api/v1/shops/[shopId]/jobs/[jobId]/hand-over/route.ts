import { jsonBody, withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { handOverApiJob } from '@/lib/shop-api/shop-api-operations';
import { ZHandOverBody } from '@/lib/shop-api/shop-api-schemas';

// POST /api/v1/shops/{shopId}/jobs/{jobId}/hand-over – hand the job's order over with the pickup code (write key)
export const POST = withApiKey('write', async (request, { key, params }) => handOverApiJob(key, params.jobId, (await jsonBody(request, ZHandOverBody)).code));
