import { html, nothing } from 'lit';
import { assessmentApi, type Criterion } from '../../api/assessment';
import type { Code, Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { codePathNames } from '../reader/code-picker';
import './derive-dialog';

/**
 * The criteria of the assessment protocol: add, edit, reorder, delete (with confirmation) and derive
 * from codes. Fires `criteria-changed` after every change.
 */
export class CriteriaEditor extends LightElement {
  static override properties = {
    project: { attribute: false }, criteria: { attribute: false }, codes: { attribute: false }, canEdit: { type: Boolean },
    editing: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare criteria: Criterion[];
  declare codes: Code[];
  declare canEdit: boolean;
  declare editing: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.criteria = [];
    this.codes = [];
    this.canEdit = false;
    this.editing = null;
    this.busy = false;
  }

  private changed() {
    this.dispatchEvent(new CustomEvent('criteria-changed', { bubbles: true }));
  }

  private async run(action: () => Promise<unknown>, success?: string) {
    this.busy = true;
    try {
      await action();
      if (success) notify(success, 'success');
      this.changed();
      return true;
    } catch (error) {
      notify((error as Error).message, 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  private fields(form: HTMLFormElement) {
    const data = new FormData(form);
    return { name: String(data.get('name') ?? '').trim(), description: String(data.get('description') ?? ''), codeId: String(data.get('codeId') ?? '') || null };
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = this.fields(form);
    if (await this.run(() => assessmentApi.createCriterion(this.project.id, body), t('assessment.criteria.added', { name: body.name }))) {
      form.reset();
      form.querySelector<HTMLInputElement>('input[name=name]')?.focus();
    }
  }

  private async save(event: SubmitEvent, criterion: Criterion) {
    event.preventDefault();
    if (await this.run(() => assessmentApi.updateCriterion(this.project.id, criterion.id, this.fields(event.target as HTMLFormElement)), t('assessment.criteria.saved'))) this.editing = null;
  }

  private async move(index: number, by: -1 | 1) {
    const ids = this.criteria.map((c) => c.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    // Show the new order at once and keep the focus on the moved criterion's button.
    await this.run(async () => (this.criteria = (await assessmentApi.reorder(this.project.id, ids)).criteria));
    await this.updateComplete;
    const button = this.querySelector<HTMLButtonElement>(`[data-move="${moved}:${by}"]`);
    (button && !button.disabled ? button : this.querySelector<HTMLButtonElement>(`[data-move="${moved}:${-by}"]`))?.focus();
  }

  private async removeCriterion(criterion: Criterion) {
    const ok = await confirmAction({
      title: t('assessment.criteria.deleteTitle'), message: t('assessment.criteria.deleteMessage', { name: criterion.name }), confirmLabel: t('common.delete'), danger: true,
    });
    if (ok) await this.run(() => assessmentApi.deleteCriterion(this.project.id, criterion.id));
  }

  private async startEditing(id: string) {
    this.editing = id;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`#criterion-${id}-name`)?.focus();
  }

  private codeSelect(paths: Map<string, string>, selected: string | null, id: string) {
    return html`<select id=${id} name="codeId"><option value="">${t('assessment.criteria.noCode')}</option>
      ${[...this.codes].sort((a, b) => paths.get(a.id)!.localeCompare(paths.get(b.id)!)).map((c) => html`<option value=${c.id} ?selected=${c.id === selected}>${paths.get(c.id)}</option>`)}</select>`;
  }

  private renderForm(paths: Map<string, string>, criterion?: Criterion) {
    const id = criterion ? `criterion-${criterion.id}` : 'criterion-new';
    return html`<form class="criterion-form" @submit=${(e: SubmitEvent) => (criterion ? this.save(e, criterion) : this.add(e))}>
      <label for="${id}-name">${t('assessment.criteria.name')}</label>
      <input id="${id}-name" name="name" required maxlength="200" .value=${criterion?.name ?? ''} />
      <label for="${id}-code">${t('assessment.criteria.code')}</label>
      ${this.codeSelect(paths, criterion?.codeId ?? null, `${id}-code`)}
      <label for="${id}-description">${t('assessment.criteria.description')}</label>
      <textarea id="${id}-description" name="description" rows="2" maxlength="5000" .value=${criterion?.description ?? ''}></textarea>
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${criterion ? t('common.save') : t('assessment.criteria.add')}</button>
        ${criterion ? html`<button class="button" type="button" @click=${() => (this.editing = null)}>${t('common.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  override render() {
    const paths = codePathNames(this.codes);
    const last = this.criteria.length - 1;
    return html`<section class="card stack" aria-labelledby="criteria-title">
      <div class="row spread"><h2 id="criteria-title">${t('assessment.criteria.title')}</h2>
        ${this.canEdit ? html`<button class="button" @click=${() => this.querySelector<HTMLElement & { open(): void }>('derive-dialog')!.open()}>${t('assessment.criteria.derive')}</button>` : nothing}</div>
      <p class="muted small">${t('assessment.criteria.intro')}</p>
      ${this.criteria.length === 0 ? html`<p class="empty-state">${t('assessment.criteria.empty')}</p>` : html`<ol class="criteria-list">
        ${this.criteria.map((c, i) => html`<li class="criterion">
          ${this.editing === c.id ? this.renderForm(paths, c) : html`<div class="criterion-main">
              <strong>${c.name}</strong>${c.codeId ? html` <span class="chip" title=${t('assessment.criteria.code')}>${paths.get(c.codeId) ?? c.codeName}</span>` : nothing}
              ${c.description ? html`<p class="small muted preserve-lines">${c.description}</p>` : nothing}
            </div>
            ${this.canEdit ? html`<div class="criterion-actions">
              <button class="icon-button" data-move="${c.id}:-1" ?disabled=${i === 0 || this.busy} aria-label=${t('assessment.criteria.moveUp', { name: c.name })} @click=${() => this.move(i, -1)}>↑</button>
              <button class="icon-button" data-move="${c.id}:1" ?disabled=${i === last || this.busy} aria-label=${t('assessment.criteria.moveDown', { name: c.name })} @click=${() => this.move(i, 1)}>↓</button>
              <button class="button button-small" aria-label=${t('assessment.criteria.editLabel', { name: c.name })} @click=${() => this.startEditing(c.id)}>${t('common.edit')}</button>
              <button class="button button-small button-danger" aria-label=${t('assessment.criteria.deleteLabel', { name: c.name })} @click=${() => this.removeCriterion(c)}>${t('common.delete')}</button>
            </div>` : nothing}`}
        </li>`)}</ol>`}
      ${this.canEdit ? html`<div class="criterion-new"><h3>${t('assessment.criteria.newTitle')}</h3>${this.renderForm(paths)}</div>
        <derive-dialog .project=${this.project} .codes=${this.codes} @derived=${() => this.changed()}></derive-dialog>` : nothing}
    </section>`;
  }
}
customElements.define('criteria-editor', CriteriaEditor);
