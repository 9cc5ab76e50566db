// POST /api/agent/dispatch – one step of the agent's dispatcher (claim printers, next job, progress, finish…)
import { NextResponse } from 'next/server';
import { parseOrThrow } from '@/app/_lib/http';
import { ZAgentDispatchRequest } from '@/lib/agent/agent-protocol';
import { agentDispatch } from '@/lib/agent/agent-server';
import { printSettings } from '@/lib/config/print-settings';
import { withAgent } from '../_lib/with-agent';

export const dynamic = 'force-dynamic';

export const POST = withAgent(async (request, { agent, instance }) => {
  const body = parseOrThrow(ZAgentDispatchRequest, await request.json().catch(() => null));
  const settings = printSettings();
  return NextResponse.json(await agentDispatch(agent, instance, body, { leaseMs: settings.dispatchLeaseMs, backoff: settings.backoff }));
});
