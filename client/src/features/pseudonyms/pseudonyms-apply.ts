import { html, nothing } from 'lit';
import { documentsApi } from '../../api/documents';
import type { DocumentSummary } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { type ApplyResult, type PreviewDocument, pseudonymsApi } from './pseudonyms-api';

/** Choose transcripts, preview every replacement of the key list, then apply it as a correction. */
export class PseudonymsApply extends LightElement {
  static override properties = {
    projectId: { attribute: false }, documents: { state: true }, chosen: { state: true },
    preview: { state: true }, result: { state: true }, busy: { state: true }, error: { state: true }, removeOriginals: { state: true },
  };
  declare projectId: string;
  declare documents: DocumentSummary[];
  declare chosen: Set<string>;
  declare preview: { total: number; documents: PreviewDocument[] } | null;
  declare result: ApplyResult | null;
  declare busy: boolean;
  declare error: string;
  /** Also delete the imported files of the transcripts that change (they still hold the names). */
  declare removeOriginals: boolean;

  constructor() {
    super();
    this.documents = [];
    this.chosen = new Set();
    this.preview = null;
    this.result = null;
    this.busy = false;
    this.error = '';
    this.removeOriginals = true;
  }

  override connectedCallback() {
    super.connectedCallback();
    documentsApi.list(this.projectId).then((r) => { this.documents = r.documents; }, (e: Error) => { this.error = e.message; });
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(id); else next.delete(id);
    this.chosen = next;
    this.preview = null;
  }

  private chooseAll(on: boolean) {
    this.chosen = on ? new Set(this.documents.map((d) => d.id)) : new Set();
    this.preview = null;
  }

  private async showPreview() {
    if (this.chosen.size === 0) {
      this.error = t('pseudonyms.chooseDocuments');
      return;
    }
    this.busy = true;
    this.error = '';
    this.result = null;
    try {
      this.preview = await pseudonymsApi.preview(this.projectId, [...this.chosen]);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async apply() {
    const preview = this.preview!;
    const touched = preview.documents.filter((d) => d.count > 0);
    const ok = await confirmAction({
      title: t('pseudonyms.applyTitle'), message: t('pseudonyms.applyMessage', { count: preview.total, documents: touched.length }), confirmLabel: t('pseudonyms.apply'),
    });
    if (!ok) return;
    this.busy = true;
    this.error = '';
    try {
      this.result = await pseudonymsApi.apply(this.projectId, touched.map((d) => d.documentId), Object.fromEntries(touched.map((d) => [d.documentId, d.revisionId])), this.removeOriginals);
      this.preview = null;
      notify(t('pseudonyms.applied', { count: this.result.total }), 'success');
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private previewView(preview: { total: number; documents: PreviewDocument[] }) {
    return html`<div class="stack pseudonym-preview" aria-live="polite">
      <p><strong>${t('pseudonyms.previewTotal', { count: preview.total, documents: preview.documents.filter((d) => d.count > 0).length })}</strong></p>
      ${preview.documents.map((d) => html`<details ?open=${preview.documents.length <= 3 && d.count > 0}>
        <summary>${d.documentName} — ${t('pseudonyms.replacements', { count: d.count })}
          ${d.byEntry.length ? html`<span class="hint">(${d.byEntry.map((e) => `${e.original} → ${e.pseudonym}: ${e.count}`).join('; ')})</span>` : nothing}</summary>
        <ol class="stack">${d.occurrences.map((o) => html`<li>…${o.contextBefore.slice(-60)}<del>${o.found}</del> <ins>${o.replacement}</ins>${o.contextAfter.slice(0, 60)}…</li>`)}</ol>
        ${d.count > d.occurrences.length ? html`<p class="hint">${t('pseudonyms.moreOccurrences', { count: d.count - d.occurrences.length })}</p>` : nothing}
      </details>`)}
      <label class="inline"><input type="checkbox" .checked=${this.removeOriginals}
        @change=${(e: Event) => (this.removeOriginals = (e.target as HTMLInputElement).checked)} />${t('pseudonyms.removeOriginals')}</label>
      <div class="row">
        <button class="button button-primary" type="button" ?disabled=${this.busy || preview.total === 0} @click=${() => this.apply()}>${t('pseudonyms.apply')}</button>
      </div>
    </div>`;
  }

  private resultView(result: ApplyResult) {
    return html`<div class="stack" role="status">
      <p>${t('pseudonyms.appliedSummary', { count: result.total, documents: result.documents.filter((d) => d.revision).length })}</p>
      <ul>${result.documents.filter((d) => d.revision).map((d) => html`<li>
        <a href="/documents/${d.documentId}">${d.documentName}</a>: ${t('pseudonyms.appliedDocument', { count: d.replaced, revision: d.revision!.number, anchored: d.segments.anchored, orphaned: d.segments.orphaned })}
      </li>`)}</ul>
      ${result.originalsRemoved > 0 ? html`<p>${t('pseudonyms.originalsRemoved', { count: result.originalsRemoved })}</p>` : nothing}
      <p class="hint">${t('pseudonyms.revertHint')}</p>
    </div>`;
  }

  override render() {
    const all = this.documents.length > 0 && this.chosen.size === this.documents.length;
    return html`<section class="card stack" aria-labelledby="pseudonyms-apply-title">
      <h3 id="pseudonyms-apply-title">${t('pseudonyms.applySection')}</h3>
      <p class="hint">${t('pseudonyms.matchingHint')}</p>
      ${this.documents.length === 0 ? html`<p>${t('pseudonyms.noDocuments')}</p>` : html`<fieldset class="stack">
        <legend>${t('pseudonyms.documentsLegend')}</legend>
        <label class="inline"><input type="checkbox" .checked=${all} @change=${(e: Event) => this.chooseAll((e.target as HTMLInputElement).checked)} />${t('pseudonyms.allDocuments')}</label>
        ${this.documents.map((d) => html`<label class="inline"><input type="checkbox" name="document" value=${d.id} .checked=${this.chosen.has(d.id)}
          @change=${(e: Event) => this.toggle(d.id, (e.target as HTMLInputElement).checked)} />${d.name}</label>`)}
      </fieldset>`}
      <div class="row">
        <button class="button" type="button" ?disabled=${this.busy || this.chosen.size === 0} @click=${() => this.showPreview()}>
          ${this.busy && !this.preview ? t('common.working') : t('pseudonyms.preview')}</button>
      </div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${this.preview ? this.previewView(this.preview) : nothing}
      ${this.result ? this.resultView(this.result) : nothing}
    </section>`;
  }
}
customElements.define('pseudonyms-apply', PseudonymsApply);
