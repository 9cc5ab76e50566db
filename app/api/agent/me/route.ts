// GET /api/agent/me – which shop an agent token prints for (the agent checks its token at start)
import { NextResponse } from 'next/server';
import { withAgent } from '../_lib/with-agent';

export const dynamic = 'force-dynamic';

export const GET = withAgent(async (_request, { agent }) => NextResponse.json({ shopId: agent.shopId, shopName: agent.shopName }));
