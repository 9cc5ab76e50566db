// GET /api/documents/:id – status, inspection progress and page map (owner, the printing shop, admin)
import { NextResponse } from 'next/server';
import { withRole } from '@/app/_lib/http';
import { getViewableDocument } from '@/lib/documents/document-access';
import { documentSummary } from '@/lib/documents/document-summary';

export const dynamic = 'force-dynamic';

export const GET = withRole(['customer', 'shop_owner', 'admin'], async (_request, { user, params }) => {
  const document = await getViewableDocument(user, params.documentId);
  return NextResponse.json({ document: await documentSummary(document) });
});
