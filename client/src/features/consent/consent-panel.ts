import { html, nothing } from 'lit';
import { type Consent, type ConsentStatus, consentApi, excludedFromExports } from '../../api/consent';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, t } from '../../i18n/i18n';

const STATUSES: ConsentStatus[] = ['given', 'restricted', 'withdrawn', 'unknown'];

/** The participant's consent next to the document's attributes: status, date, restrictions; leads change them. */
export class ConsentPanel extends LightElement {
  static override properties = {
    projectId: { attribute: false }, documentId: { attribute: false }, canEdit: { attribute: false },
    consent: { state: true }, editing: { state: true }, error: { state: true }, busy: { state: true },
  };
  declare projectId: string;
  declare documentId: string;
  declare canEdit: boolean;
  declare consent: Consent | null;
  declare editing: boolean;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.consent = null;
    this.editing = false;
    this.error = '';
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('documentId') && this.documentId) void this.load();
  }

  private async load() {
    try {
      const { participants } = await consentApi.list(this.projectId);
      this.consent = participants.find((p) => p.documentId === this.documentId)
        ?? { documentId: this.documentId, status: 'unknown', date: null, noQuotes: false, noExport: false };
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      this.consent = await consentApi.set(this.documentId, {
        status: String(form.get('status')) as ConsentStatus, date: String(form.get('date') ?? '') || null,
        noQuotes: form.get('noQuotes') === 'on', noExport: form.get('noExport') === 'on',
      });
      this.editing = false;
      notify(t('consent.saved'), 'success');
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private renderForm(c: Consent) {
    return html`<form class="field-grid" @submit=${this.submit}>
      <label>${t('consent.statusLabel')}
        <select name="status">${STATUSES.map((s) => html`<option value=${s} ?selected=${c.status === s}>${t(`consent.status.${s}`)}</option>`)}</select></label>
      <label>${t('consent.date')}<input type="date" name="date" .value=${c.date ?? ''} /></label>
      <label class="inline"><input type="checkbox" name="noQuotes" ?checked=${c.noQuotes} />${t('consent.noQuotes')}</label>
      <label class="inline"><input type="checkbox" name="noExport" ?checked=${c.noExport} />${t('consent.noExport')}</label>
      <p class="hint">${t('consent.effectHint')}</p>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('common.save')}</button>
        <button class="button" type="button" @click=${() => { this.editing = false; this.error = ''; }}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  private renderView(c: Consent) {
    const restrictions = [c.noQuotes ? t('consent.noQuotes') : '', c.noExport ? t('consent.noExport') : ''].filter(Boolean);
    return html`<dl class="attr-list">
        <dt>${t('consent.statusLabel')}</dt><dd data-consent-status=${c.status}>${t(`consent.status.${c.status}`)}</dd>
        <dt>${t('consent.date')}</dt><dd>${c.date ? formatDate(c.date) : html`<span class="muted">—</span>`}</dd>
        <dt>${t('consent.restrictions')}</dt><dd>${restrictions.length ? restrictions.join(', ') : html`<span class="muted">${t('consent.none')}</span>`}</dd>
      </dl>
      ${excludedFromExports(c) ? html`<p class="hint" role="note">${t('consent.excludedNote')}</p>`
        : c.noQuotes ? html`<p class="hint" role="note">${t('consent.noQuotesNote')}</p>` : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}`;
  }

  override render() {
    const c = this.consent;
    return html`<section class="card side-section" aria-labelledby="consent-title">
      <div class="row spread"><h2 id="consent-title">${t('consent.title')}</h2>
        ${this.canEdit && c && !this.editing ? html`<button class="button button-small" aria-label=${t('consent.editLabel')} @click=${() => (this.editing = true)}>${t('common.edit')}</button>` : nothing}</div>
      ${!c ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : this.editing ? this.renderForm(c) : this.renderView(c)}
    </section>`;
  }
}
customElements.define('consent-panel', ConsentPanel);
