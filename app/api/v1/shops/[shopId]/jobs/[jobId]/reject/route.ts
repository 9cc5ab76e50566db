import { jsonBody, withApiKey } from '@/app/api/v1/_lib/with-api-key';
import { rejectApiJob } from '@/lib/shop-api/shop-api-operations';
import { ZRejectJobBody } from '@/lib/shop-api/shop-api-schemas';

// POST /api/v1/shops/{shopId}/jobs/{jobId}/reject – reject a job with a reason; the customer is refunded (write key)
export const POST = withApiKey('write', async (request, { key, params }) => rejectApiJob(key, params.jobId, await jsonBody(request, ZRejectJobBody)));
