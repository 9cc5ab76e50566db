// POST /api/agent/printers – the agent reports its LAN printers' capabilities and live state
import { NextResponse } from 'next/server';
import { parseOrThrow } from '@/app/_lib/http';
import { ZAgentPrinterReport } from '@/lib/agent/agent-protocol';
import { reportAgentPrinters } from '@/lib/agent/agent-server';
import { withAgent } from '../_lib/with-agent';

export const dynamic = 'force-dynamic';

export const POST = withAgent(async (request, { agent }) => {
  const report = parseOrThrow(ZAgentPrinterReport, await request.json().catch(() => null));
  return NextResponse.json(await reportAgentPrinters(agent, report));
});
