import { html, nothing } from 'lit';
import { documentsApi, type DocumentChanges } from '../../api/documents';
import type { AttributeDefinition, DocumentDetail, Language, RespondentGroup } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, formatNumber, t } from '../../i18n/i18n';

/** A document's attributes: the built-in ones and the project's own; leads edit them one by one. */
export class DocumentAttributesPanel extends LightElement {
  static override properties = {
    doc: { attribute: false }, definitions: { attribute: false }, canEdit: { attribute: false },
    editing: { state: true }, error: { state: true }, busy: { state: true },
  };
  declare doc: DocumentDetail;
  declare definitions: AttributeDefinition[];
  declare canEdit: boolean;
  declare editing: boolean;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.editing = false;
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const changes: DocumentChanges = {
      name: text('name') || this.doc.name,
      respondentGroup: (text('respondentGroup') || null) as RespondentGroup | null,
      language: text('language') as Language,
      interviewDate: text('interviewDate') || null,
      attributes: Object.fromEntries(this.definitions.map((a) => [a.id, text(`attr-${a.id}`) || null])),
    };
    this.busy = true;
    this.error = '';
    try {
      const doc = await documentsApi.update(this.doc.id, changes);
      this.emit('document-changed', doc);
      this.editing = false;
      notify(t('attributes.saved'), 'success');
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private display(a: AttributeDefinition) {
    const v = this.doc.attributes[a.id];
    if (v === undefined) return html`<span class="muted">—</span>`;
    if (a.type === 'number') return formatNumber(Number(v));
    if (a.type === 'date') return formatDate(v);
    return v;
  }

  private input(a: AttributeDefinition) {
    const v = this.doc.attributes[a.id] ?? '';
    const name = `attr-${a.id}`;
    switch (a.type) {
      case 'choice':
        return html`<select name=${name}><option value="">—</option>${a.choices.map((c) => html`<option ?selected=${c === v}>${c}</option>`)}</select>`;
      case 'date':
        return html`<input type="date" name=${name} .value=${v} />`;
      case 'number':
        return html`<input name=${name} inputmode="decimal" .value=${v} />`;
      default:
        return html`<input name=${name} maxlength="2000" .value=${v} />`;
    }
  }

  private renderForm() {
    const d = this.doc;
    return html`<form class="field-grid" @submit=${this.submit}>
      <label>${t('attributes.documentName')}<input name="name" required maxlength="200" .value=${d.name} /></label>
      <label>${t('documents.columns.group')}
        <select name="respondentGroup"><option value="">—</option>
          ${(['international', 'belgian'] as const).map((g) => html`<option value=${g} ?selected=${d.respondentGroup === g}>${t(`groups.${g}`)}</option>`)}
        </select></label>
      <label>${t('documents.columns.language')}
        <select name="language">${(['nl', 'fr', 'en', 'other'] as const).map((l) => html`<option value=${l} ?selected=${d.language === l}>${t(`languages.${l}`)}</option>`)}</select></label>
      <label>${t('documents.columns.interviewDate')}<input type="date" name="interviewDate" .value=${d.interviewDate ?? ''} /></label>
      ${this.definitions.map((a) => html`<label>${a.name}${this.input(a)}</label>`)}
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('common.save')}</button>
        <button class="button" type="button" @click=${() => { this.editing = false; this.error = ''; }}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const d = this.doc;
    return html`<section class="card side-section" aria-labelledby="attributes-title">
      <div class="row spread"><h2 id="attributes-title">${t('attributes.title')}</h2>
        ${this.canEdit && !this.editing ? html`<button class="button button-small" @click=${() => (this.editing = true)}>${t('common.edit')}</button>` : nothing}</div>
      ${this.editing
        ? this.renderForm()
        : html`<dl class="attr-list">
            <dt>${t('documents.columns.group')}</dt><dd>${d.respondentGroup ? t(`groups.${d.respondentGroup}`) : html`<span class="muted">—</span>`}</dd>
            <dt>${t('documents.columns.language')}</dt><dd>${t(`languages.${d.language}`)}</dd>
            <dt>${t('documents.columns.interviewDate')}</dt><dd>${d.interviewDate ? formatDate(d.interviewDate) : html`<span class="muted">—</span>`}</dd>
            ${this.definitions.map((a) => html`<dt>${a.name}</dt><dd>${this.display(a)}</dd>`)}
          </dl>`}
    </section>`;
  }
}
customElements.define('document-attributes-panel', DocumentAttributesPanel);
