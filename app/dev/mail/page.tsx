import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Card, EmptyState, PageHeader } from '@/app/_components/ui';
import { mailCatcherDir } from '@/lib/config/mail-settings';
import { listCaughtMails } from '@/lib/mail/caught-mail';
import { countOf } from '@/lib/text/count-of';
import { formatDateTime } from '@/lib/text/format-date-time';

export const metadata: Metadata = { title: 'Caught mail (dev)' };

// GET /dev/mail – the local SMTP catcher's mails; only on the launcher's demo and e2e stacks (404 elsewhere)
export default async function CaughtMailPage() {
  await connection();
  const dir = mailCatcherDir();
  if (!dir) notFound();
  const mails = await listCaughtMails(dir);
  return (
    <div className="space-y-4">
      <PageHeader title="Caught mail" description={`Development only: what the worker sent to the local SMTP catcher instead of real inboxes (${countOf(mails.length, 'mail')}, newest first).`} />
      {mails.length === 0 ? (
        <EmptyState title="No mail yet">Pay for an order and its receipt shows up here within a second or two.</EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Received</th>
                <th className="px-4 py-2 font-medium">To</th>
                <th className="px-4 py-2 font-medium">Subject</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTime(new Date(mail.receivedAt), 'UTC')} UTC</td>
                  <td className="px-4 py-2">{mail.to.join(', ')}</td>
                  <td className="px-4 py-2">
                    <Link href={`/dev/mail/${mail.id}`} className="font-medium text-brand-600 hover:underline">
                      {mail.subject || '(no subject)'}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
