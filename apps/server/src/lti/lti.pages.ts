// Small server-rendered pages for the LTI flow: they appear inside the LMS (often in an iframe)
// before any web-app session exists. Each comes with its own CSP: no script but a nonce'd
// auto-submit, and form posts only to ourselves or to the platform's return URL.
import { randomBytes } from 'node:crypto';
import type { ExamView, Language } from '@emtihan/protocol';
import { LTI_MESSAGES, type DeepLinkField, type LtiRefusal } from './lti.messages.ts';

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

export interface NewExamForm {
  values: Record<string, string>;
  errors: DeepLinkField[];
}

/** The instructor's choice: an existing exam of the course, or a new one created here. */
export function examPickerPage(
  lang: Language,
  pickId: string,
  exams: ExamView[],
  frameAncestors: string,
  form: NewExamForm = { values: {}, errors: [] },
): Page {
  const m = LTI_MESSAGES[lang];
  const items = exams
    .map(
      (e) =>
        `<li><label><input type="radio" name="exam_id" value="${esc(e.id)}" required> ${esc(e.title)} <small>(${esc(e.opensAt.slice(0, 16).replace('T', ' '))} UTC)</small></label></li>`,
    )
    .join('');
  const pick = exams.length
    ? `<section aria-labelledby="pick-title"><h1 id="pick-title">${esc(m.pickTitle)}</h1><p>${esc(m.pickText)}</p>
<form method="post" action="/lti/deep-link/pick"><input type="hidden" name="pick" value="${esc(pickId)}">
<ul>${items}</ul><button type="submit">${esc(m.pickButton)}</button></form></section>`
    : '';
  const v = form.values;
  const bad = (f: DeepLinkField) => form.errors.includes(f);
  const field = (f: DeepLinkField, label: string, input: string, hint?: string) =>
    `<p><label for="f-${f}">${esc(label)}</label><br>${input.replace(
      '<input ',
      `<input id="f-${f}" name="${fieldName[f]}"${bad(f) ? ` aria-invalid="true" aria-describedby="e-${f}"` : hint ? ` aria-describedby="h-${f}"` : ''} `,
    )}${hint ? `<br><small id="h-${f}">${esc(hint)}</small>` : ''}${bad(f) ? `<br><strong class="err" id="e-${f}">${esc(m.errors[f])}</strong>` : ''}</p>`;
  const nonce = randomBytes(16).toString('base64');
  const create = `<section aria-labelledby="create-title"><h${exams.length ? 2 : 1} id="create-title">${esc(exams.length ? m.createTitle : m.createOnlyTitle)}</h${exams.length ? 2 : 1}><p>${esc(m.createText)}</p>
${form.errors.length ? `<p role="alert" class="err">${esc(m.formErrors)}</p>` : ''}
<form method="post" action="/lti/deep-link/create"><input type="hidden" name="pick" value="${esc(pickId)}"><input type="hidden" name="tz_offset" id="tz-offset" value="${esc(v.tz_offset ?? '0')}">
${field('title', m.fieldTitle, `<input type="text" maxlength="200" required value="${esc(v.title ?? '')}">`)}
${field('startsAt', m.fieldStart, `<input type="datetime-local" required value="${esc(v.starts_at ?? '')}">`, m.fieldStartHint)}
${field('durationMinutes', m.fieldDuration, `<input type="number" min="1" max="600" step="1" required value="${esc(v.duration_minutes ?? '90')}">`)}
${field('maxScore', m.fieldMaxScore, `<input type="number" min="1" max="1000" step="any" required value="${esc(v.max_score ?? '100')}">`)}
<p><label><input type="checkbox" name="live_proctoring" value="on"${v.live_proctoring === 'on' || !('title' in v) ? ' checked' : ''}> ${esc(m.fieldLiveProctoring)}</label></p>
<button type="submit">${esc(m.createButton)}</button></form></section>
<script nonce="${nonce}">document.getElementById('tz-offset').value=String(new Date().getTimezoneOffset());</script>`;
  return page(lang, exams.length ? m.pickTitle : m.createOnlyTitle, pick + create, {
    frameAncestors,
    scriptNonce: nonce,
  });
}

const fieldName: Record<DeepLinkField, string> = {
  title: 'title',
  startsAt: 'starts_at',
  durationMinutes: 'duration_minutes',
  maxScore: 'max_score',
};

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
