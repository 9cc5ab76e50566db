import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Card, LinkButton, PageHeader } from '@/app/_components/ui';
import { mailCatcherDir } from '@/lib/config/mail-settings';
import { readCaughtMail } from '@/lib/mail/caught-mail';
import { formatDateTime } from '@/lib/text/format-date-time';

export const metadata: Metadata = { title: 'Caught mail (dev)' };

// GET /dev/mail/[mailId] – one caught mail: its headers, text part and a link to its HTML part (dev stacks only)
export default async function CaughtMailDetailPage({ params }: { params: Promise<{ mailId: string }> }) {
  await connection();
  const dir = mailCatcherDir();
  if (!dir) notFound();
  const { mailId } = await params;
  const mail = await readCaughtMail(dir, mailId);
  if (!mail) notFound();
  const headers = [
    ['From', mail.from],
    ['To', mail.to.join(', ')],
    ['Subject', mail.subject],
    ['Message-ID', mail.messageId ?? '(none)'],
    ['Received', `${formatDateTime(new Date(mail.receivedAt), 'UTC')} UTC`],
  ];
  return (
    <div className="space-y-4">
      <Link href="/dev/mail" className="text-sm font-medium text-brand-600 hover:underline">
        ← All caught mail
      </Link>
      <PageHeader title={mail.subject || '(no subject)'} actions={mail.html ? <LinkButton href={`/dev/mail/${mail.id}/html`}>Open the HTML part</LinkButton> : null} />
      <Card>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {headers.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-sm font-semibold text-slate-600">Text part</h2>
        <pre className="whitespace-pre-wrap break-words font-mono text-sm">{mail.text}</pre>
      </Card>
    </div>
  );
}
