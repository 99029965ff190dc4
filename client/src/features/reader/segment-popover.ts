import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { memosApi, segmentsApi } from '../../api/segments';
import type { Memo, ReaderSegment } from '../../api/types';
import { closeIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { renderMarkdown } from '../../components/markdown';
import { notify } from '../../components/toasts';
import { formatDateTime, t } from '../../i18n/i18n';

/**
 * What is coded at a place of the transcript: each segment's codes, coder, date and memos, with
 * actions for whoever may change it (its coder or a lead): remove a code, change the codes, write
 * a memo. Events: `changed` (reload the segments), `edit-codes` ({ segment }), `close`.
 */
export class SegmentPopover extends LightElement {
  static override properties = {
    segments: { attribute: false }, at: { attribute: false }, userId: { attribute: false }, isLead: { attribute: false },
    canCode: { attribute: false }, projectId: { attribute: false }, memos: { state: true }, writing: { state: true },
  };
  declare segments: ReaderSegment[];
  declare at: { x: number; y: number };
  declare userId: string;
  declare isLead: boolean;
  declare canCode: boolean;
  declare projectId: string;
  declare memos: Map<string, Memo[]>;
  declare writing: string | null;

  constructor() {
    super();
    this.segments = [];
    this.memos = new Map();
    this.writing = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('segments')) void this.loadMemos();
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.popover-close')?.focus());
  }

  private async loadMemos() {
    const next = new Map<string, Memo[]>();
    for (const s of this.segments.filter((x) => x.memoCount > 0)) {
      next.set(s.id, (await memosApi.list(this.projectId, { targetType: 'segment', targetId: s.id })).memos);
    }
    this.memos = next;
  }

  private mayChange(s: ReaderSegment) {
    return this.canCode && (s.coderId === this.userId || this.isLead);
  }

  private async removeCode(s: ReaderSegment, codeId: string) {
    try {
      await segmentsApi.setCodes(s.id, s.codes.filter((c) => c.codeId !== codeId).map((c) => c.codeId));
      this.emit('changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async saveMemo(event: SubmitEvent, s: ReaderSegment) {
    event.preventDefault();
    const body = String(new FormData(event.target as HTMLFormElement).get('body') ?? '');
    if (!body.trim()) return;
    try {
      await memosApi.create(this.projectId, { targetType: 'segment', targetId: s.id, body });
      this.writing = null;
      notify(t('coding.memoSaved'), 'success');
      this.emit('changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private renderSegment(s: ReaderSegment) {
    const quote = s.exact.length > 140 ? `${s.exact.slice(0, 137)}…` : s.exact;
    return html`<section class="popover-segment">
      <blockquote class="popover-quote">${quote}</blockquote>
      <p class="small muted">${t('coding.codedBy', { name: s.coderName ?? t('coding.unknownCoder'), date: formatDateTime(s.createdAt) })}</p>
      <ul class="popover-codes">
        ${s.codes.map((c) => html`<li><span class="swatch" style=${styleMap({ background: c.color })}></span>${c.name}
          ${this.mayChange(s) ? html`<button class="icon-button" aria-label=${t('coding.removeCode', { name: c.name })} @click=${() => this.removeCode(s, c.codeId)}>${closeIcon()}</button>` : nothing}</li>`)}
      </ul>
      ${(this.memos.get(s.id) ?? []).map((m) => html`<div class="memo"><p class="small muted">${t('coding.memoBy', { name: m.authorName ?? '', date: formatDateTime(m.updatedAt) })}</p>${renderMarkdown(m.body)}</div>`)}
      <div class="row">
        ${this.mayChange(s) ? html`<button class="button button-small" @click=${() => this.emit('edit-codes', { segment: s })}>${t('coding.changeCodes')}</button>` : nothing}
        ${this.canCode ? html`<button class="button button-small" @click=${() => (this.writing = this.writing === s.id ? null : s.id)} aria-expanded=${this.writing === s.id}>${t('coding.writeMemo')}</button>` : nothing}
      </div>
      ${this.writing === s.id
        ? html`<form class="stack memo-form" @submit=${(e: SubmitEvent) => this.saveMemo(e, s)}>
            <label>${t('coding.memo')}<textarea name="body" rows="4" required placeholder=${t('coding.memoPlaceholder')}></textarea></label>
            <div><button class="button button-primary button-small" type="submit">${t('common.save')}</button></div>
          </form>`
        : nothing}
    </section>`;
  }

  override render() {
    const left = Math.max(8, Math.min(this.at.x, window.innerWidth - 400));
    const top = Math.max(8, Math.min(this.at.y, window.innerHeight - 200));
    return html`<div class="segment-popover card" role="dialog" aria-label=${t('coding.codedHere')} style=${styleMap({ left: `${left}px`, top: `${top}px` })}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.emit('close')}>
      <div class="row spread"><h2 class="popover-title">${t('coding.codedHere')}</h2>
        <button class="icon-button popover-close" aria-label=${t('common.close')} @click=${() => this.emit('close')}>${closeIcon()}</button></div>
      ${this.segments.map((s) => this.renderSegment(s))}
    </div>`;
  }
}
customElements.define('segment-popover', SegmentPopover);
