import type { ServerResponse } from 'node:http';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1f36;background:#f6f8fa}
.banner{background:#ffde92;color:#5f3b00;text-align:center;font-size:13px;padding:6px 12px}
.banner b{font-weight:600}
.layout{max-width:920px;margin:0 auto;padding:40px 24px;display:grid;grid-template-columns:1fr 1fr;gap:56px}
@media (max-width:760px){.layout{grid-template-columns:1fr;gap:32px;padding:24px 16px}}
.back{color:#697386;text-decoration:none;font-size:14px}
.back:hover{color:#1a1f36}
.merchant{display:flex;align-items:center;gap:10px;font-weight:600;margin:18px 0 28px}
.logo{width:28px;height:28px;border-radius:50%;background:#635bff;color:#fff;display:grid;place-items:center;font-size:14px}
.muted{color:#697386}
.amount{font-size:36px;font-weight:600;letter-spacing:-.5px;margin:4px 0 24px}
.items{list-style:none;margin:0;padding:0}
.items li{display:flex;justify-content:space-between;gap:16px;padding:12px 0;border-bottom:1px solid #e3e8ee}
.items .qty{display:block;font-size:13px;color:#697386}
.total{display:flex;justify-content:space-between;padding:14px 0;font-weight:600}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(50,50,93,.15),0 1px 0 rgba(0,0,0,.02);padding:28px}
h1{font-size:20px;margin:0 0 20px}
label,legend{display:block;font-size:14px;color:#3c4257;margin:16px 0 6px;padding:0}
fieldset{border:0;margin:16px 0 0;padding:0}
legend{margin-top:0}
input{width:100%;font:inherit;padding:10px 12px;border:1px solid #d5dbe1;border-radius:6px;background:#fff;color:#1a1f36}
input:focus{outline:none;border-color:#635bff;box-shadow:0 0 0 3px rgba(99,91,255,.25)}
input[readonly]{background:#f6f8fa;color:#697386}
input[aria-invalid=true]{border-color:#df1b41}
.group input{border-radius:0}
.group input:first-child{border-radius:6px 6px 0 0}
.group .split{display:flex}
.group .split input{margin-top:-1px}
.group .split input:first-child{border-radius:0 0 0 6px}
.group .split input:last-child{border-radius:0 0 6px 0;margin-left:-1px}
.error{color:#df1b41;font-size:14px;margin:14px 0 0}
button{width:100%;margin-top:24px;padding:12px;border:0;border-radius:6px;background:#635bff;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#5851ea}
button:disabled{opacity:.7;cursor:default}
button.secondary{background:none;color:#635bff;margin-top:8px}
.hint{font-size:13px;color:#697386;margin-top:6px}
.notice{max-width:480px;margin:80px auto;text-align:center}
.narrow{max-width:480px;margin:48px auto}
.notice a{color:#635bff}
footer{margin-top:20px;text-align:center;font-size:12px;color:#8792a2}
`;

/** A complete HTML page in the emulator's Stripe-like look, with the test-mode banner. */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<div class="banner"><b>TEST MODE</b> · local Stripe emulator, no real money moves</div>
${body}
</body>
</html>`;
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(html);
}

export function redirect(response: ServerResponse, status: 302 | 303, location: string): void {
  response.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  response.end();
}

/** A page with one message and an optional way back, for sessions and links that are done. */
export function renderNotice(title: string, message: string, link?: { href: string; label: string }): string {
  return renderPage(
    title,
    `<main class="notice card"><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}</main>`,
  );
}
