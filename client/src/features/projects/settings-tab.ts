import { html, nothing } from 'lit';
import { projectsApi } from '../../api/projects';
import type { Project } from '../../api/types';
import { navigate } from '../../app/router';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import '../pseudonyms/pseudonyms-section';

/** A project's settings for its owners: name and description, and deleting the project. */
export class SettingsTab extends LightElement {
  static override properties = {
    project: { attribute: false }, saving: { state: true }, error: { state: true },
    confirmName: { state: true }, deleting: { state: true }, deleteError: { state: true },
  };
  declare project: Project;
  declare saving: boolean;
  declare error: string;
  declare confirmName: string;
  declare deleting: boolean;
  declare deleteError: string;

  constructor() {
    super();
    this.saving = false;
    this.error = '';
    this.confirmName = '';
    this.deleting = false;
    this.deleteError = '';
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    this.error = '';
    if (!name) {
      this.error = t('settings.nameRequired');
      return;
    }
    if (name === this.project.name && description === this.project.description) {
      notify(t('settings.nothingChanged'), 'info');
      return;
    }
    this.saving = true;
    try {
      const updated = await projectsApi.update(this.project.id, { name, description });
      notify(t('settings.saved'), 'success');
      this.emit('project-changed', { ...this.project, ...updated });
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.saving = false;
    }
  }

  private get nameMatches() {
    return this.confirmName.trim() === this.project.name.trim();
  }

  private async deleteProject(event: SubmitEvent) {
    event.preventDefault();
    if (!this.nameMatches) {
      this.deleteError = t('settings.deleteNameMismatch');
      return;
    }
    this.deleting = true;
    this.deleteError = '';
    try {
      await projectsApi.remove(this.project.id);
      notify(t('settings.deleted', { name: this.project.name }), 'success');
      navigate('/');
    } catch (error) {
      this.deleteError = (error as Error).message;
    } finally {
      this.deleting = false;
    }
  }

  override render() {
    const p = this.project;
    if (p.role !== 'owner') {
      return html`<section class="stack"><h2>${t('settings.title')}</h2><p>${t('settings.ownersOnly')}</p></section>`;
    }
    return html`<section class="stack settings-tab" aria-labelledby="settings-title">
      <h2 id="settings-title">${t('settings.title')}</h2>
      <form class="card stack" @submit=${this.save} aria-labelledby="settings-details-title">
        <h3 id="settings-details-title">${t('settings.detailsTitle')}</h3>
        <label>${t('settings.name')}<input name="name" required maxlength="200" .value=${p.name} /></label>
        <label>${t('settings.description')}
          <textarea name="description" rows="4" maxlength="5000" aria-describedby="settings-description-hint" .value=${p.description}></textarea>
        </label>
        <p class="hint" id="settings-description-hint">${t('settings.descriptionHint')}</p>
        ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
        <div class="row">
          <button class="button button-primary" type="submit" ?disabled=${this.saving}>${this.saving ? t('common.working') : t('common.save')}</button>
        </div>
      </form>

      <pseudonyms-section .projectId=${p.id}></pseudonyms-section>

      <form class="card stack danger-zone" @submit=${this.deleteProject} aria-labelledby="settings-delete-title">
        <h3 id="settings-delete-title">${t('settings.dangerTitle')}</h3>
        <p>${t('settings.deleteExplanation', { name: p.name })}</p>
        <label>${t('settings.deleteConfirmLabel', { name: p.name })}
          <input name="confirm-name" autocomplete="off" spellcheck="false" .value=${this.confirmName}
            @input=${(e: InputEvent) => { this.confirmName = (e.target as HTMLInputElement).value; this.deleteError = ''; }} />
        </label>
        ${this.deleteError ? html`<p class="form-error" role="alert">${this.deleteError}</p>` : nothing}
        <div class="row">
          <button class="button button-danger" type="submit" ?disabled=${this.deleting || !this.nameMatches}>
            ${this.deleting ? t('common.working') : t('settings.deleteButton')}
          </button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define('settings-tab', SettingsTab);
