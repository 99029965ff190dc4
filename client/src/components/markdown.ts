import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

// Raw HTML in memos is shown as text (html: false); links are checked by markdown-it, and the
// result is sanitised once more, so a memo can never run script.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** Renders a memo's Markdown safely. */
export function renderMarkdown(source: string) {
  const safe = DOMPurify.sanitize(md.render(source), { USE_PROFILES: { html: true }, ADD_ATTR: ['target'] });
  return html`<div class="markdown">${unsafeHTML(safe)}</div>`;
}
