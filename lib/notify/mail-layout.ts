import type { TRenderedMail } from '@/lib/mail/mail-kinds';

/** Text for HTML: every mail value passes through here (names and reasons come from users). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A block of a mail, written once and shown in both parts. */
export type TMailBlock =
  | { kind: 'paragraph'; text: string }
  /** Label/value rows ("Order number NP-7K3F9Q"); `isStrong` for a total. */
  | { kind: 'facts'; rows: { label: string; value: string; isStrong?: boolean }[] }
  /** Something to read out or type at the counter, large. */
  | { kind: 'code'; label: string; code: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'links'; links: { label: string; url: string }[] }
  | { kind: 'heading'; text: string };

export type TMailContent = {
  subject: string;
  /** The first line inboxes preview. */
  preheader: string;
  heading: string;
  blocks: TMailBlock[];
  /** Who sent it and why, small, at the bottom. */
  footer: string;
};

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const BRAND = '#1d4ed8';

function blockHtml(block: TMailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2937">${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2 style="margin:24px 0 8px;font-size:16px;color:#111827">${escapeHtml(block.text)}</h2>`;
    case 'facts':
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${block.rows
        .map(
          (row) =>
            `<tr><td style="padding:6px 12px 6px 0;border-top:1px solid #e5e7eb;font-size:14px;color:#4b5563${row.label.length <= 16 ? ';white-space:nowrap' : ''}${row.isStrong ? ';font-weight:700;color:#111827' : ''}">${escapeHtml(row.label)}</td>` +
            `<td align="right" style="padding:6px 0;border-top:1px solid #e5e7eb;font-size:14px;color:#111827${row.value.length <= 24 ? ';white-space:nowrap' : ''}${row.isStrong ? ';font-weight:700' : ''}">${escapeHtml(row.value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'code':
      return `<div style="margin:0 0 16px;padding:16px;border:1px solid #bfdbfe;border-radius:8px;background:#eff6ff;text-align:center"><div style="font-size:13px;color:#1e3a8a">${escapeHtml(block.label)}</div><div style="font-size:32px;font-weight:700;letter-spacing:6px;color:#111827;font-family:ui-monospace,Menlo,Consolas,monospace">${escapeHtml(block.code)}</div></div>`;
    case 'button':
      return `<p style="margin:8px 0 20px"><a href="${escapeHtml(block.url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${BRAND};color:#ffffff;text-decoration:none;font-weight:600;font-size:15px">${escapeHtml(block.label)}</a></p>`;
    case 'links':
      return `<p style="margin:0 0 16px;font-size:14px">${block.links.map((link) => `<a href="${escapeHtml(link.url)}" style="color:${BRAND}">${escapeHtml(link.label)}</a>`).join(' &nbsp;·&nbsp; ')}</p>`;
  }
}

function blockText(block: TMailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'heading':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'facts': {
      const width = Math.max(...block.rows.map((row) => row.label.length));
      return block.rows.map((row) => `${row.label.padEnd(width)}  ${row.value}`).join('\n');
    }
    case 'code':
      return `${block.label}: ${block.code}`;
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'links':
      return block.links.map((link) => `${link.label}: ${link.url}`).join('\n');
  }
}

/**
 * Both parts of a mail from one list of blocks, so the text part always says what the HTML part
 * says. The HTML is a single centred column with inline styles (mail clients drop <style>), no
 * images and no scripts.
 */
export function renderMailContent(content: TMailContent): TRenderedMail {
  const text = [content.heading, '='.repeat(content.heading.length), '', ...content.blocks.map(blockText).flatMap((block) => [block, '']), '--', content.footer, ''].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:10px;border:1px solid #e5e7eb">
<tr><td style="padding:18px 28px;border-bottom:3px solid ${BRAND};font-size:18px;font-weight:700;color:${BRAND}">Nearprint</td></tr>
<tr><td style="padding:24px 28px 8px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${escapeHtml(content.heading)}</h1>
${content.blocks.map(blockHtml).join('\n')}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.5;color:#6b7280">${escapeHtml(content.footer)}</td></tr>
</table></td></tr></table>
</body></html>
`;
  return { subject: content.subject, text, html };
}
