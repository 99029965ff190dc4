import { html, nothing } from 'lit';
import { attributesApi } from '../../api/documents';
import type { AttributeDefinition, AttributeType, Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';

const TYPES: AttributeType[] = ['text', 'number', 'date', 'choice'];
const splitChoices = (raw: string) => raw.split(/[\n,;]/).map((c) => c.trim()).filter(Boolean);

/** The project's own document attributes: add, rename, change choices, delete. */
export class AttributesTab extends LightElement {
  static override properties = { project: { attribute: false }, definitions: { state: true }, newType: { state: true }, error: { state: true }, editingId: { state: true } };
  declare project: Project;
  declare definitions: AttributeDefinition[] | null;
  declare newType: AttributeType;
  declare error: string;
  declare editingId: string | null;

  constructor() {
    super();
    this.definitions = null;
    this.newType = 'text';
    this.error = '';
    this.editingId = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.definitions = (await attributesApi.list(this.project.id)).attributes;
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    this.error = '';
    try {
      const created = await attributesApi.create(this.project.id, {
        name: String(form.get('name')), type: this.newType,
        ...(this.newType === 'choice' ? { choices: splitChoices(String(form.get('choices') ?? '')) } : {}),
      });
      notify(t('attributes.created', { name: created.name }), 'success');
      formElement.reset();
      this.newType = 'text';
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async saveEdit(event: SubmitEvent, a: AttributeDefinition) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      await attributesApi.update(this.project.id, a.id, {
        name: String(form.get('name')),
        ...(a.type === 'choice' ? { choices: splitChoices(String(form.get('choices') ?? '')) } : {}),
      });
      this.editingId = null;
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async deleteAttribute(a: AttributeDefinition) {
    const ok = await confirmAction({ title: t('attributes.deleteTitle'), message: t('attributes.deleteMessage', { name: a.name }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await attributesApi.remove(this.project.id, a.id);
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private renderRow(a: AttributeDefinition, canEdit: boolean) {
    if (this.editingId === a.id) {
      return html`<tr><td colspan="4"><form class="row" @submit=${(e: SubmitEvent) => this.saveEdit(e, a)}>
        <label>${t('attributes.name')}<input name="name" .value=${a.name} required maxlength="100" /></label>
        ${a.type === 'choice' ? html`<label>${t('attributes.choices')}<input name="choices" .value=${a.choices.join(', ')} size="40" /></label>` : nothing}
        <button class="button button-primary" type="submit">${t('common.save')}</button>
        <button class="button" type="button" @click=${() => (this.editingId = null)}>${t('common.cancel')}</button>
      </form></td></tr>`;
    }
    return html`<tr>
      <th scope="row">${a.name}</th>
      <td>${t(`attributes.types.${a.type}`)}</td>
      <td>${a.type === 'choice' ? a.choices.join(', ') : html`<span class="muted">—</span>`}</td>
      <td>${canEdit ? html`<button class="button button-small" @click=${() => (this.editingId = a.id)}>${t('common.edit')}</button>
        <button class="button button-small" @click=${() => this.deleteAttribute(a)}>${t('common.delete')}</button>` : nothing}</td>
    </tr>`;
  }

  override render() {
    const canEdit = roleAtLeast(this.project.role, 'lead');
    const attributes = this.definitions;
    if (!attributes) return html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;
    return html`<p class="muted">${t('attributes.intro')}</p>
      <div class="table-wrap"><table class="data-table">
        <caption class="visually-hidden">${t('attributes.title')}</caption>
        <thead><tr><th scope="col">${t('attributes.name')}</th><th scope="col">${t('attributes.type')}</th><th scope="col">${t('attributes.choices')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
        <tbody>
          <tr class="muted"><th scope="row">${t('documents.columns.group')}</th><td>${t('attributes.builtIn')}</td><td>${t('groups.international')}, ${t('groups.belgian')}</td><td></td></tr>
          <tr class="muted"><th scope="row">${t('documents.columns.language')}</th><td>${t('attributes.builtIn')}</td><td>nl, fr, en, ${t('languages.other')}</td><td></td></tr>
          <tr class="muted"><th scope="row">${t('documents.columns.interviewDate')}</th><td>${t('attributes.builtIn')}</td><td>—</td><td></td></tr>
          ${attributes.map((a) => this.renderRow(a, canEdit))}
        </tbody>
      </table></div>
      ${canEdit
        ? html`<form class="card stack spaced-top" @submit=${this.create} aria-labelledby="new-attr-title">
            <h2 id="new-attr-title">${t('attributes.new')}</h2>
            <div class="row">
              <label>${t('attributes.name')}<input name="name" required maxlength="100" /></label>
              <label>${t('attributes.type')}<select @change=${(e: Event) => (this.newType = (e.target as HTMLSelectElement).value as AttributeType)}>
                ${TYPES.map((type) => html`<option value=${type} ?selected=${type === this.newType}>${t(`attributes.types.${type}`)}</option>`)}</select></label>
              ${this.newType === 'choice' ? html`<label>${t('attributes.choices')}<input name="choices" required size="40" placeholder=${t('attributes.choicesPlaceholder')} /></label>` : nothing}
            </div>
            ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
            <div><button class="button button-primary" type="submit">${t('attributes.add')}</button></div>
          </form>`
        : nothing}`;
  }
}
customElements.define('attributes-tab', AttributesTab);
