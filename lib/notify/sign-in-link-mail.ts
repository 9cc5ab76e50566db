import type { TRenderedMail } from '@/lib/mail/mail-kinds';
import { renderMailContent } from './mail-layout';

function lifetime(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? '24 hours' : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'an hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/**
 * A guest's sign-in link: one click signs them in on any device and opens their order. It says
 * how long the link works and that it works once, and what to do if they did not ask for it.
 */
export function signInLinkMail(options: { url: string; expiresInMinutes: number; order: { number: string } | null }): TRenderedMail {
  const { url, order } = options;
  const validity = `The link works once, for ${lifetime(options.expiresInMinutes)}. After that, ask for a new one on the sign-in page with this email address.`;
  return renderMailContent({
    subject: order ? `Your sign-in link for order ${order.number}` : 'Your Nearprint sign-in link',
    preheader: order ? `Follow order ${order.number} from any device.` : 'One click signs you in.',
    heading: order ? `Follow order ${order.number}` : 'Sign in to Nearprint',
    blocks: [
      { kind: 'paragraph', text: 'Hello,' },
      {
        kind: 'paragraph',
        text: order
          ? `You ordered prints with this email address (order ${order.number}). This link signs you in to your Nearprint account, on any device, and opens the order: its progress, the pickup code and the receipt.`
          : 'This link signs you in to your Nearprint account and shows your orders.',
      },
      { kind: 'button', label: order ? 'Open your order' : 'Sign in', url },
      { kind: 'paragraph', text: validity },
    ],
    footer: 'You get this mail because someone entered this address at Nearprint. If it was not you, ignore it: nobody can sign in without the link.',
  });
}
