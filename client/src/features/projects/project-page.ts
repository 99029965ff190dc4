import { html, nothing } from 'lit';
import { projectsApi } from '../../api/projects';
import type { Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import '../documents/documents-tab';
import '../documents/attributes-tab';
import '../codes/codebook-tab';
import './members-tab';
import './activity-tab';
import '../memos/memos-tab';
import '../search/search-tab';
import '../queries/queries-tab';
import './settings-tab';
import '../literature/literature-tab';
import '../practices/practices-tab';
import '../exchange/exchange-tab';

const TABS = ['documents', 'codes', 'search', 'queries', 'review', 'memos', 'literature', 'practices', 'attributes', 'members', 'activity', 'exchange', 'settings'] as const;

/** One project: its documents, codebook, attributes, members, activity and settings as tabs. */
export class ProjectPage extends LightElement {
  static override properties = {
    user: { attribute: false }, projectId: { attribute: false }, tab: { attribute: false },
    project: { state: true }, error: { state: true },
  };
  declare user: User;
  declare projectId: string;
  declare tab: string;
  declare project: Project | null;
  declare error: string;

  constructor() {
    super();
    this.project = null;
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('projectId')) void this.load();
  }

  private async load() {
    this.project = null;
    this.error = '';
    try {
      this.project = await projectsApi.get(this.projectId);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private renderTab(project: Project) {
    switch (this.tab) {
      case 'search':
        return html`<search-tab .project=${project}></search-tab>`;
      case 'queries':
        return html`<queries-tab .project=${project}></queries-tab>`;
      case 'review':
        // Charts (Observable Plot, d3) load only when the review tab opens.
        void import('../review/review-tab');
        return html`<review-tab .project=${project}></review-tab>`;
      case 'literature':
        return html`<literature-tab .project=${project} .user=${this.user}></literature-tab>`;
      case 'practices':
        return html`<practices-tab .project=${project} .user=${this.user}></practices-tab>`;
      case 'exchange':
        return html`<exchange-tab .project=${project} .user=${this.user}></exchange-tab>`;
      case 'memos':
        return html`<memos-tab .project=${project} .user=${this.user}></memos-tab>`;
      case 'codes':
        return html`<codebook-tab .project=${project} .user=${this.user}></codebook-tab>`;
      case 'attributes':
        return html`<attributes-tab .project=${project}></attributes-tab>`;
      case 'members':
        return html`<members-tab .project=${project} .user=${this.user} @project-changed=${(e: CustomEvent<Project>) => (this.project = e.detail)}></members-tab>`;
      case 'activity':
        return html`<activity-tab .project=${project}></activity-tab>`;
      case 'settings':
        return html`<settings-tab .project=${project} @project-changed=${(e: CustomEvent<Project>) => (this.project = e.detail)}></settings-tab>`;
      default:
        return html`<documents-tab .project=${project} .userId=${this.user.id}></documents-tab>`;
    }
  }

  override render() {
    if (this.error) return html`<section class="page narrow"><h1>${t('projects.unavailable')}</h1><p class="form-error">${this.error}</p><p><a href="/">${t('shell.backToProjects')}</a></p></section>`;
    const project = this.project;
    if (!project) return html`<p class="loading page" aria-busy="true">${t('common.loading')}</p>`;
    const visible = TABS.filter((tab) => tab !== 'settings' || roleAtLeast(project.role, 'owner'));
    return html`<section class="page">
      <nav class="breadcrumbs" aria-label=${t('shell.breadcrumbs')}><a href="/">${t('shell.projects')}</a> <span aria-hidden="true">›</span></nav>
      <div class="page-header">
        <div>
          <h1>${project.name}</h1>
          ${project.description ? html`<p class="muted">${project.description}</p>` : nothing}
        </div>
        <span class="badge" title=${t('projects.yourRole')}>${t(`roles.${project.role}`)}</span>
      </div>
      <nav class="tabs" aria-label=${t('projects.sections')}>
        ${visible.map((tab) => html`<a href="/projects/${project.id}/${tab}" aria-current=${this.tab === tab ? 'page' : nothing}>${t(`projects.tabs.${tab}`)}</a>`)}
      </nav>
      ${this.renderTab(project)}
    </section>`;
  }
}
customElements.define('project-page', ProjectPage);
