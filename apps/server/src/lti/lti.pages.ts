// Small server-rendered pages for the LTI flow: they appear inside the LMS (often in an iframe)
// before any web-app session exists. Each comes with its own CSP: no script but a nonce'd
// auto-submit, and form posts only to ourselves or to the platform's return URL.
import { randomBytes } from 'node:crypto';
import type { Language } from '@emtihan/protocol';
import { LTI_MESSAGES, type LtiRefusal } from './lti.messages.ts';

export interface Page {
  html: string;
  csp: string;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(
  lang: Language,
  title: string,
  body: string,
  opts: { frameAncestors: string; formAction?: string; scriptNonce?: string },
): Page {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${opts.scriptNonce ? `'nonce-${opts.scriptNonce}'` : "'none'"}`,
    `form-action 'self'${opts.formAction ? ` ${opts.formAction}` : ''}`,
    `frame-ancestors ${opts.frameAncestors}`,
    "base-uri 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
button,.button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1c7ed6;background:#1c7ed6;color:#fff;text-decoration:none;display:inline-block;cursor:pointer}
li{margin:.5rem 0}.err{color:#c92a2a}input[type=text],input[type=number],input[type=datetime-local]{font-size:1rem;padding:.3rem;min-width:16rem}section{margin-bottom:2rem}</style></head>
<body><main>${body}</main></body></html>`;
  return { html, csp };
}

export function refusalPage(lang: Language, refusal: LtiRefusal, frameAncestors: string): Page {
  const m = LTI_MESSAGES[lang];
  return page(
    lang,
    m.refusedTitle,
    `<h1>${esc(m.refusedTitle)}</h1><p id="reason" data-reason="${refusal}">${esc(m.refused[refusal])}</p><p>${esc(m.retry)}</p>`,
    { frameAncestors },
  );
}

/** Inside an LMS iframe: camera and screen need the exam in its own window. */
export function openInWindowPage(lang: Language, handoffUrl: string, frameAncestors: string): Page {
  const m = LTI_MESSAGES[lang];
  return page(
    lang,
    m.openTitle,
    `<h1>${esc(m.openTitle)}</h1><p>${esc(m.openText)}</p>
<p><a id="open-window" class="button" href="${esc(handoffUrl)}" target="_blank" rel="noopener">${esc(m.openButton)}</a></p>`,
    { frameAncestors },
  );
}

/** Posts the signed deep-linking response back to the platform, in a field named JWT. */
export function autoPostPage(
  lang: Language,
  action: string,
  fields: Record<string, string>,
  frameAncestors: string,
): Page {
  const m = LTI_MESSAGES[lang];
  const nonce = randomBytes(16).toString('base64');
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return page(
    lang,
    m.sending,
    `<p>${esc(m.sending)}</p><form method="post" action="${esc(action)}">${inputs}<noscript><button type="submit">OK</button></noscript></form>
<script nonce="${nonce}">document.forms[0].submit();</script>`,
    { frameAncestors, formAction: new URL(action).origin, scriptNonce: nonce },
  );
}
