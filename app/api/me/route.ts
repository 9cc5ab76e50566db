// GET /api/me – the signed-in user (401 when signed out)
import { NextResponse } from 'next/server';
import { withRole } from '@/app/_lib/http';

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (_request, { user }) => NextResponse.json({ user }));
