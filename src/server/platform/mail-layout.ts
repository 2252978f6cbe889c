/** Shared look of every mail: a plain-text part and an HTML part built from the same lines. */
import type { MailMessage } from './mail.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export interface MailContent {
  to: string;
  subject: string;
  /** Paragraphs of plain text; names and other user input are escaped for HTML here. */
  paragraphs: string[];
  /** A call to action shown as a button in HTML and as a bare URL in text. */
  action?: { label: string; url: string };
  /** Extra links shown after the action. */
  links?: { label: string; url: string }[];
  footer?: string;
}

/** Lays mail content out as text and HTML. */
export function composeMail(content: MailContent): MailMessage {
  const links = [...(content.action ? [content.action] : []), ...(content.links ?? [])];
  const footer = content.footer ?? 'You received this because of activity on your Workgate account.';
  const text = [
    ...content.paragraphs,
    ...links.map((link) => `${link.label}: ${link.url}`),
    '--',
    footer,
  ].join('\n\n');
  const button = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#0f5132;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const extraLinks = (content.links ?? [])
    .map((link) => `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`)
    .join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">${content.paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}${button}${extraLinks}<hr><p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: content.to, subject: content.subject, text, html };
}
