import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import { CSV_BATCH_ROWS, csvStream } from './csv-export';
import { AUDIT_CSV_COLUMNS, auditExportBatches, listAuditLog, ZAuditLogRequest } from './list-audit-log';

afterAll(async () => {
  await closeDb();
});

/** The export's lines after the header, without the byte order mark. */
async function exportedLines(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = new TextDecoder().decode(new Uint8Array(await new Response(stream).arrayBuffer()).subarray(3));
  return text.split('\n').slice(1, -1);
}

describe('audit log export', () => {
  it('writes every matching entry once, across batches, newest first, with the page’s filters (shop included)', async () => {
    const admin = await createTestUser('admin');
    const owner = await createTestUser('shop_owner');
    const shop = await createTestShop({ ownerId: owner.id, name: '=cmd|calc Copies' });
    const entries = CSV_BATCH_ROWS * 2 + 7;
    await db.insert(auditLog).values(
      Array.from({ length: entries }, (_, i) => ({
        actorId: admin.id,
        action: i % 2 ? 'shop.note' : 'shop.suspend',
        targetType: 'shop',
        targetId: shop.id,
        reason: `entry ${i}`,
        before: { status: 'active' },
        after: { status: i % 2 ? 'active' : 'suspended' },
      })),
    );

    const filters = ZAuditLogRequest.parse({ actorId: admin.id, shopId: shop.id });
    const lines = await exportedLines(csvStream(AUDIT_CSV_COLUMNS, auditExportBatches(filters)));
    expect(lines).toHaveLength(entries);
    expect((await listAuditLog(filters)).total).toBe(entries);
    const ids = lines.map((line) => Number(line.split(',').at(-1)));
    expect(new Set(ids).size).toBe(entries);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The shop's name is typed by its owner: a spreadsheet must show it, not run it.
    expect(lines[0]).toContain(",'=cmd|calc Copies,");
    expect(lines.filter((line) => line.includes('Status: active → suspended'))).toHaveLength(Math.ceil(entries / 2));

    const suspensions = await exportedLines(csvStream(AUDIT_CSV_COLUMNS, auditExportBatches(ZAuditLogRequest.parse({ shopId: shop.id, action: 'shop.suspend' }))));
    expect(suspensions).toHaveLength(Math.ceil(entries / 2));
    const otherShop = await createTestShop({ ownerId: owner.id });
    expect(await exportedLines(csvStream(AUDIT_CSV_COLUMNS, auditExportBatches(ZAuditLogRequest.parse({ shopId: otherShop.id }))))).toEqual([]);
  });

  it('refuses filters that are not valid, as the page does', () => {
    expect(ZAuditLogRequest.safeParse({ shopId: 'not-a-shop' }).success).toBe(false);
    expect(ZAuditLogRequest.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(ZAuditLogRequest.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
  });
});
