import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { roleAtLeast } from '../../../../server/shared/roles';
import { codesApi } from '../../api/codes';
import { ApiError } from '../../api/http';
import { type GapPage, literatureApi } from '../../api/literature';
import type { Code, Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { codePathNames } from '../reader/code-picker';

const RELATIONS = ['fills', 'extends', 'contradicts', 'illustrates'] as const;
type Link = GapPage['links'][number];
type Passage = Awaited<ReturnType<typeof codesApi.segments>>['segments'][number];

/** A gap's page: its sources, the codes mapped to it (relation, note), chosen evidence quotes and the passages to choose from. */
export class GapPageView extends LightElement {
  static override properties = {
    project: { attribute: false }, gapId: { attribute: false }, page: { state: true }, codes: { state: true },
    choosing: { state: true }, candidates: { state: true }, error: { state: true }, evidenceNote: { state: true },
  };
  declare project: Project;
  declare gapId: string;
  declare page: GapPage | null;
  declare codes: Code[];
  /** The link whose coded passages are shown to choose evidence from. */
  declare choosing: string | null;
  declare candidates: Passage[];
  declare error: string;
  /** The note given to the next passage chosen as evidence. */
  declare evidenceNote: string;

  constructor() { super(); this.page = null; this.codes = []; this.choosing = null; this.candidates = []; this.error = ''; this.evidenceNote = ''; }
  override connectedCallback() { super.connectedCallback(); void this.load(); }

  private async load() {
    const [page, codes] = await Promise.all([literatureApi.gapPage(this.project.id, this.gapId), codesApi.list(this.project.id)]);
    this.page = page; this.codes = codes.codes;
  }

  private async run(action: () => Promise<unknown>) {
    try { await action(); this.error = ''; await this.load(); } catch (e) { this.error = e instanceof ApiError ? e.message : String(e); }
  }

  private async map(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    await this.run(async () => {
      await literatureApi.linkCode(this.project.id, this.gapId, { codeId: String(data.get('codeId')), relation: String(data.get('relation')), note: String(data.get('note') ?? '') });
      (event.target as HTMLFormElement).reset();
      notify(t('literature.gap.mapped'), 'success');
    });
  }

  private async choose(link: Link) {
    this.choosing = this.choosing === link.linkId ? null : link.linkId;
    if (this.choosing) this.candidates = (await codesApi.segments(this.project.id, link.codeId, { includeDescendants: true })).segments.filter((s) => s.status === 'anchored');
  }

  private async addEvidence(link: Link, segmentId: string) {
    await this.run(async () => {
      const res = await literatureApi.addEvidence(this.project.id, this.gapId, link.linkId, { segmentId, note: this.evidenceNote });
      this.evidenceNote = '';
      notify(res.warning ?? t('literature.gap.evidenceAdded'), res.warning ? 'error' : 'success');
    });
  }

  private async unlink(link: Link) {
    if (!(await confirmAction({ title: t('literature.gap.unlinkTitle'), message: t('literature.gap.unlinkMessage', { code: link.codePath, count: link.quotes.length }), confirmLabel: t('literature.gap.unlink'), danger: true }))) return;
    await this.run(() => literatureApi.unlinkCode(this.project.id, this.gapId, link.linkId));
  }

  private renderLink(link: Link, canEdit: boolean) {
    const chosen = new Set(link.quotes.map((q) => q.segmentId));
    return html`<section class="card stack gap-link" aria-label=${link.codePath}>
      <div class="row spread"><h3>${link.codePath}</h3>
        ${canEdit ? html`<label class="inline">${t('literature.gap.relation')}<select @change=${(e: Event) => this.run(() => literatureApi.updateLink(this.project.id, this.gapId, link.linkId, { relation: (e.target as HTMLSelectElement).value }))}>
          ${RELATIONS.map((r) => html`<option value=${r} ?selected=${link.relation === r}>${t(`literature.relation.${r}`)}</option>`)}</select></label>` : html`<span class="badge">${t(`literature.relation.${link.relation}`)}</span>`}
        <span class="muted small">${t('literature.coverage.cellLabel', link)}</span>
        ${canEdit ? html`<button class="button button-small" @click=${() => this.choose(link)} aria-expanded=${this.choosing === link.linkId}>${t('literature.gap.chooseEvidence')}</button>
          <button class="button button-small" @click=${() => this.unlink(link)}>${t('literature.gap.unlink')}</button>` : nothing}</div>
      ${canEdit ? html`<label>${t('literature.gap.note')}<input .value=${link.note} @change=${(e: Event) => this.run(() => literatureApi.updateLink(this.project.id, this.gapId, link.linkId, { note: (e.target as HTMLInputElement).value }))} /></label>`
        : link.note ? html`<p class="muted">${link.note}</p>` : nothing}
      <h4>${t('literature.gap.quotes')}</h4>
      ${link.quotes.length === 0 ? html`<p class="hint">${t('literature.gap.noQuotes')}</p>` : html`<ul class="kwic-list">${link.quotes.map((q) => html`<li class="row">
        <blockquote class="evidence-quote">“${q.quote}”<footer class="small muted">— ${q.speaker ?? t('literature.gap.unknownSpeaker')}, ${q.documentName} (${t(`literature.groups.${q.respondentGroup}`)})
          ${q.codedWithLink ? nothing : html` · <span class="badge badge-quiet">${t('literature.gap.notCoded')}</span>`}${q.note ? ` · ${q.note}` : ''}</footer></blockquote>
        <a class="button button-small" href="/documents/${q.documentId}?start=${q.start}&end=${q.end}">${t('literature.gap.openInReader')}</a>
        ${canEdit ? html`<button class="button button-small" @click=${() => this.run(() => literatureApi.removeEvidence(this.project.id, this.gapId, link.linkId, q.id))}>${t('literature.gap.removeQuote')}</button>` : nothing}</li>`)}</ul>`}
      <h4>${t('literature.gap.passages', { count: link.passagesTotal })}</h4>
      ${this.choosing === link.linkId
        ? html`<label>${t('literature.gap.evidenceNote')}<input .value=${this.evidenceNote} @input=${(e: Event) => (this.evidenceNote = (e.target as HTMLInputElement).value)} /></label>
          <ul class="kwic-list">${this.candidates.map((p) => html`<li class="row"><a class="kwic" href="/documents/${p.documentId}?start=${p.start}&end=${p.end}">
            <span class="kwic-speaker">${p.documentName}<br />${p.speaker ?? ''}</span><span class="kwic-text">${p.contextBefore}<mark>${p.quote}</mark>${p.contextAfter}</span></a>
            ${chosen.has(p.segmentId) ? html`<span class="badge">${t('literature.gap.chosen')}</span>` : html`<button class="button button-small" @click=${() => this.addEvidence(link, p.segmentId)}>${t('literature.gap.useAsEvidence')}</button>`}</li>`)}</ul>`
        : html`<ul class="kwic-list">${link.passages.map((p) => html`<li><a class="kwic" href="/documents/${p.documentId}?start=${p.start}&end=${p.end}">
            <span class="kwic-speaker">${p.documentName}<br />${p.speaker ?? ''}</span><span class="kwic-text">${p.quote}</span></a></li>`)}</ul>
          ${link.passagesTotal > link.passages.length ? html`<p class="hint">${t('literature.gap.morePassages', { count: link.passagesTotal - link.passages.length })}</p>` : nothing}`}
    </section>`;
  }

  override render() {
    const p = this.page;
    if (!p) return html`<p class="loading">${t('common.loading')}</p>`;
    const canEdit = roleAtLeast(this.project.role, 'coder');
    const paths = codePathNames(this.codes);
    const mapped = new Set(p.links.map((l) => l.codeId));
    return html`<article class="stack gap-page">
      <button class="button button-quiet" @click=${() => this.dispatchEvent(new CustomEvent('back'))}>← ${t('literature.viewNames.gaps')}</button>
      <header class="card stack"><h2>${p.gap.statement}</h2>
        <p class="row"><span class="badge">${t(`literature.focus.${p.gap.focus}`)}</span><span class="badge">${t(`literature.scope.${p.gap.scope}`)}</span><span class="badge badge-quiet">${t(`literature.status.${p.gap.status}`)}</span>
          ${p.noEvidence ? html`<span class="badge badge-danger">${t('literature.coverage.noEvidence')}</span>` : html`<span class="muted small">${t('literature.coverage.cellLabel', p.totals)}</span>`}</p>
        ${p.gap.notes ? html`<p>${p.gap.notes}</p>` : nothing}
        <h3>${t('literature.gaps.sources')}</h3>
        ${p.sources.length === 0 ? html`<p class="hint">${t('literature.gaps.noSources')}</p>` : html`<ol class="small">${p.sources.map((s) => html`<li>${unsafeHTML(s.citationHtml)}</li>`)}</ol>`}
      </header>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${canEdit ? html`<form class="card row" @submit=${this.map} aria-label=${t('literature.gap.mapCode')}>
        <label>${t('literature.gap.code')}<select name="codeId" required><option value="">…</option>
          ${[...this.codes].filter((c) => !mapped.has(c.id)).sort((a, b) => paths.get(a.id)!.localeCompare(paths.get(b.id)!)).map((c) => html`<option value=${c.id}>${paths.get(c.id)}</option>`)}</select></label>
        <label>${t('literature.gap.relation')}<select name="relation">${RELATIONS.map((r) => html`<option value=${r}>${t(`literature.relation.${r}`)}</option>`)}</select></label>
        <label>${t('literature.gap.note')}<input name="note" /></label>
        <button class="button button-primary" type="submit">${t('literature.gap.mapCode')}</button></form>` : nothing}
      ${p.links.length === 0 ? html`<p class="empty-state">${t('literature.gap.noLinks')}</p>` : p.links.map((l) => this.renderLink(l, canEdit))}
    </article>`;
  }
}
customElements.define('gap-page', GapPageView);
