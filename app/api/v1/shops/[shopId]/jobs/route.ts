import { withApiKey, queryOf } from '@/app/api/v1/_lib/with-api-key';
import { listApiJobs } from '@/lib/shop-api/shop-api-operations';
import { ZListJobsQuery } from '@/lib/shop-api/shop-api-schemas';

// GET /api/v1/shops/{shopId}/jobs – the shop's print jobs, newest first (read key)
export const GET = withApiKey('read', async (request, { key }) => ({ jobs: await listApiJobs(key, queryOf(request, ZListJobsQuery)) }));
