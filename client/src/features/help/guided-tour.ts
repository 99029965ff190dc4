import { html, nothing } from 'lit';
import { documentsApi } from '../../api/documents';
import { projectsApi } from '../../api/projects';
import type { User } from '../../api/types';
import type { Route } from '../../app/router';
import { navigate } from '../../app/router';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { readTour, TOUR_STEPS, type TourState, writeTour } from './tour-state';

/**
 * The guided tour (import → code → search → review): a small non-modal panel in the corner that
 * follows the user across pages, takes them to the screen of each step, and can be closed at any
 * time; its step and whether it was closed are remembered per user.
 */
export class GuidedTour extends LightElement {
  static override properties = { user: { attribute: false }, route: { attribute: false }, state: { state: true } };
  declare user: User | null;
  declare route: Route;
  declare state: TourState | null;
  private onChange = () => this.reload(true);

  constructor() {
    super();
    this.user = null;
    this.state = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('socprev-tour-changed', this.onChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('socprev-tour-changed', this.onChange);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('user')) this.reload(false);
    if (changed.has('route') && this.route?.name === 'project' && this.state?.status === 'active' && this.state.projectId !== this.route.params.projectId) {
      this.save({ ...this.state, projectId: this.route.params.projectId });
    }
  }

  private reload(focus: boolean) {
    const before = this.state?.status;
    this.state = this.user ? readTour(this.user.id) : null;
    if (focus && before !== 'active' && this.state?.status === 'active') {
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#tour-title')?.focus());
    }
  }

  private save(state: TourState) {
    if (this.user) writeTour(this.user.id, state);
  }

  private close(status: 'dismissed' | 'done') {
    this.save({ ...this.state!, status });
    document.querySelector<HTMLElement>('#main')?.focus();
  }

  /** The project the tour works in: the one open now, the one it was last in, or the first one. */
  private async projectId(): Promise<string | null> {
    if (this.route.name === 'project') return this.route.params.projectId!;
    if (this.state?.projectId) return this.state.projectId;
    const { projects } = await projectsApi.list();
    return projects[0]?.id ?? null;
  }

  private async goThere() {
    try {
      const projectId = await this.projectId();
      if (!projectId) {
        notify(t('help.tour.noProject'), 'info');
        navigate('/');
        return;
      }
      const step = TOUR_STEPS[this.state!.step];
      if (step === 'code') {
        const { documents } = await documentsApi.list(projectId);
        navigate(documents[0] ? `/documents/${documents[0].id}` : `/projects/${projectId}/documents`);
      } else {
        navigate(`/projects/${projectId}/${step === 'import' ? 'documents' : step}`);
      }
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  override render() {
    const state = this.state;
    if (!this.user || state?.status !== 'active') return nothing;
    const step = TOUR_STEPS[state.step]!;
    const last = state.step === TOUR_STEPS.length - 1;
    return html`<section class="tour-card card" role="dialog" aria-modal="false" aria-labelledby="tour-title" aria-describedby="tour-text"
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close('dismissed')}>
      <div class="row spread">
        <p class="muted small tour-progress">${t('help.tour.label')} · ${t('help.tour.step', { n: state.step + 1, total: TOUR_STEPS.length })}</p>
        <button class="icon-button" type="button" aria-label=${t('help.tour.dismiss')} title=${t('help.tour.dismiss')} @click=${() => this.close('dismissed')}>✕</button>
      </div>
      <h2 id="tour-title" tabindex="-1">${t(`help.tour.steps.${step}.title`)}</h2>
      <p id="tour-text">${t(`help.tour.steps.${step}.text`)}</p>
      <div class="row tour-actions">
        <button class="button button-small" type="button" @click=${() => this.goThere()}>${t('help.tour.goThere')}</button>
        <span class="tour-spacer"></span>
        ${state.step > 0 ? html`<button class="button button-small" type="button" @click=${() => this.save({ ...state, step: state.step - 1 })}>${t('help.tour.back')}</button>` : nothing}
        ${last
          ? html`<button class="button button-primary button-small" type="button" @click=${() => this.close('done')}>${t('help.tour.finish')}</button>`
          : html`<button class="button button-primary button-small" type="button" @click=${() => this.save({ ...state, step: state.step + 1 })}>${t('help.tour.next')}</button>`}
      </div>
    </section>`;
  }
}
customElements.define('guided-tour', GuidedTour);
