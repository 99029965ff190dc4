import { html, nothing } from 'lit';
import { projectsApi } from '../../api/projects';
import type { Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { navigate } from '../../app/router';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import '../exchange/backup-restore-panel';
import '../exchange/project-import-panel';
import '../help/tour-offer';

/** The projects you are a member of, and a form to start a new one. */
export class ProjectsPage extends LightElement {
  static override properties = { user: { attribute: false }, projects: { state: true }, creating: { state: true }, error: { state: true } };
  declare user: User;
  declare projects: Project[] | null;
  declare creating: boolean;
  declare error: string;

  constructor() {
    super();
    this.projects = null;
    this.creating = false;
    this.error = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.projects = (await projectsApi.list()).projects;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.projects = [];
    }
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.error = '';
    try {
      const project = await projectsApi.create(String(form.get('name')), String(form.get('description') ?? ''));
      notify(t('projects.created', { name: project.name }), 'success');
      navigate(`/projects/${project.id}`);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private renderCreate() {
    if (!this.creating) {
      return html`<button class="button button-primary" @click=${() => (this.creating = true)}>${t('projects.new')}</button>`;
    }
    return html`<form class="card stack" @submit=${this.create} aria-labelledby="new-project-title">
      <h2 id="new-project-title">${t('projects.new')}</h2>
      <label>${t('projects.name')}<input name="name" required maxlength="200" autofocus /></label>
      <label>${t('projects.description')}<textarea name="description" rows="3" maxlength="5000"></textarea></label>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit">${t('projects.create')}</button>
        <button class="button" type="button" @click=${() => (this.creating = false)}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const projects = this.projects;
    return html`<section class="page">
      <div class="page-header">
        <h1>${t('projects.title')}</h1>
        ${this.creating ? nothing : this.renderCreate()}
      </div>
      ${this.creating ? this.renderCreate() : nothing}
      ${projects === null
        ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`
        : projects.length === 0
          ? html`<div class="empty-state"><h2>${t('projects.emptyTitle')}</h2><p>${t('projects.emptyText')}</p><tour-offer .userId=${this.user.id}></tour-offer></div>`
          : html`<ul class="project-list">
              ${projects.map((p) => html`<li class="card project-card">
                <a class="project-link" href="/projects/${p.id}"><h2>${p.name}</h2></a>
                ${p.description ? html`<p class="muted clamp">${p.description}</p>` : nothing}
                <p class="meta">
                  <span class="badge">${t(`roles.${p.role}`)}</span>
                  <span>${t('projects.documentCount', { count: p.documentCount ?? 0, formatted: formatNumber(p.documentCount ?? 0) })}</span>
                  <span>${t('projects.memberCount', { count: p.memberCount ?? 0 })}</span>
                  <span>${t('projects.updated', { date: formatDate(p.updatedAt) })}</span>
                </p>
              </li>`)}
            </ul>`}
      <project-import-panel @project-imported=${() => void this.load()}></project-import-panel>
      <backup-restore-panel @project-imported=${() => void this.load()}></backup-restore-panel>
    </section>`;
  }
}
customElements.define('projects-page', ProjectsPage);
