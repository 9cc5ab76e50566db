// GET /api/agent/jobs/:jobId/output – the converted file of a job on a printer this agent drives
import { agentJobOutput } from '@/lib/agent/agent-server';
import { withAgent } from '../../../_lib/with-agent';

export const dynamic = 'force-dynamic';

export const GET = withAgent(async (_request, { agent, instance, params }) => {
  const stream = await agentJobOutput(agent, instance, params.jobId);
  return new Response(stream, { headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' } });
});
