import { mailCatcherDir } from '@/lib/config/mail-settings';
import { readCaughtMail } from '@/lib/mail/caught-mail';

// GET /dev/mail/[mailId]/html – a caught mail's HTML part as a page of its own (dev stacks only; 404 elsewhere)
export async function GET(_request: Request, { params }: { params: Promise<{ mailId: string }> }): Promise<Response> {
  const dir = mailCatcherDir();
  const mail = dir ? await readCaughtMail(dir, (await params).mailId) : null;
  if (!mail?.html) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // Mail HTML is not ours to trust (anything on loopback may send to the catcher): no scripts, no forms.
  return new Response(mail.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-top-navigation-by-user-activation",
    },
  });
}
