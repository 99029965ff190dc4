import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { onProjectChange } from '../../api/live';
import { type PracticePage, practicesApi } from '../../api/practices';
import type { Code, Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import { codePathNames } from '../reader/code-picker';
import { crimeTypesLabel, evaluationLabel, periodLabel, placeLabel, ratingLabel } from './practice-labels';
import './practice-editor';
import './practice-theme-card';

type SourceChoice = Awaited<ReturnType<typeof practicesApi.sourceChoices>>['sources'][number];

/**
 * One practice record's page (`?view=records&practice=<id>`): its details, its themes with
 * their evidence quotes, and its literature. Coders add themes through a code chooser, pick
 * evidence from the code's coded passages and link sources. Fires `practice-changed`.
 */
export class PracticeRecordPage extends LightElement {
  static override properties = {
    project: { attribute: false }, practiceId: { attribute: false }, page: { state: true }, codes: { state: true }, sources: { state: true },
    editing: { state: true }, error: { state: true },
  };
  declare project: Project;
  declare practiceId: string;
  declare page: PracticePage | null;
  declare codes: Code[];
  declare sources: SourceChoice[];
  declare editing: boolean;
  declare error: string;

  constructor() {
    super();
    this.page = null;
    this.codes = [];
    this.sources = [];
    this.editing = false;
    this.error = '';
  }

  private offLive?: () => void;

  override connectedCallback() {
    super.connectedCallback();
    // Changes to this record by someone else (or undone ones) reload the page.
    this.offLive = onProjectChange(this.project.id, (event) => {
      if ((event.entityId === this.practiceId && event.type.startsWith('practice.')) || event.type.startsWith('action.')) void this.reload();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.offLive?.();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('practiceId')) void this.load();
  }

  /** Fetches the page again without showing the loading state. */
  private async reload() {
    try {
      this.page = await practicesApi.page(this.project.id, this.practiceId);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private get canEdit() {
    return roleAtLeast(this.project.role, 'coder');
  }

  private async load() {
    this.page = null;
    this.error = '';
    try {
      const [page, codes, sources] = await Promise.all([
        practicesApi.page(this.project.id, this.practiceId), codesApi.list(this.project.id), practicesApi.sourceChoices(this.project.id),
      ]);
      this.page = page;
      this.codes = codes.codes.filter((c) => !c.archived);
      this.sources = sources.sources;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private updated_(page: PracticePage) {
    this.page = page;
    this.dispatchEvent(new CustomEvent('practice-changed', { bubbles: true }));
  }

  private async act(action: () => Promise<PracticePage>) {
    try {
      this.updated_(await action());
      return true;
    } catch (error) {
      notify((error as Error).message, 'error');
      return false;
    }
  }

  private async addTheme(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const codeId = String(data.get('codeId') ?? '');
    if (!codeId) return;
    if (await this.act(() => practicesApi.addTheme(this.project.id, this.practiceId, codeId, String(data.get('note') ?? '')))) form.reset();
  }

  private async linkSource(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const sourceId = String(new FormData(form).get('sourceId') ?? '');
    if (sourceId && await this.act(() => practicesApi.linkSource(this.project.id, this.practiceId, sourceId))) form.reset();
  }

  private renderDetails(page: PracticePage) {
    const r = page.record;
    const rows: [string, string][] = [
      [t('practices.fields.organisation'), r.organisation], [t('practices.fields.language'), r.language], [t('practices.fields.targetGroup'), r.targetGroup],
      [t('practices.fields.crimeTypes'), crimeTypesLabel(r)], [t('practices.fields.interventionType'), r.interventionType],
      [t('practices.fields.workingMechanisms'), r.workingMechanisms], [t('practices.columns.period'), periodLabel(r)],
      [t('practices.fields.budgetEur'), r.budgetEur === null ? '' : `€ ${formatNumber(r.budgetEur)}`], [t('practices.fields.costNotes'), r.costNotes],
      [t('practices.fields.evaluationStatus'), evaluationLabel(r)], [t('practices.fields.evidenceRating'), ratingLabel(r)], [t('practices.fields.recordSource'), r.recordSource],
    ];
    return html`<section class="card stack" aria-labelledby="practice-details-title">
      <h3 id="practice-details-title">${t('practices.page.details')}</h3>
      ${r.description ? html`<p class="preserve-lines">${r.description}</p>` : nothing}
      <dl class="practice-details">${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd class="preserve-lines">${v}</dd>`)}</dl>
    </section>`;
  }

  private renderThemes(page: PracticePage) {
    const paths = codePathNames(this.codes);
    const linked = new Set(page.themes.map((th) => th.codeId));
    const choices = this.codes.filter((c) => !linked.has(c.id)).sort((a, b) => paths.get(a.id)!.localeCompare(paths.get(b.id)!));
    return html`<section class="stack" aria-labelledby="practice-themes-title">
      <h3 id="practice-themes-title">${t('practices.page.themes')}</h3>
      <p class="muted small">${t('practices.page.themesHelp')}</p>
      ${page.themes.length === 0 ? html`<p class="empty-state">${t('practices.page.noThemes')}</p>` : page.themes.map((th) => html`<practice-theme-card .project=${this.project}
        .practiceId=${this.practiceId} .theme=${th} .canEdit=${this.canEdit} @page-updated=${(e: CustomEvent<PracticePage>) => this.updated_(e.detail)}></practice-theme-card>`)}
      ${this.canEdit ? html`<form class="card row align-end practice-add-theme" @submit=${this.addTheme} aria-label=${t('practices.page.addTheme')}>
        <label>${t('practices.page.chooseCode')}<select name="codeId" required>
          <option value="">…</option>${choices.map((c) => html`<option value=${c.id}>${paths.get(c.id)}</option>`)}</select></label>
        <label class="grow">${t('practices.page.themeNote')}<input name="note" maxlength="5000" /></label>
        <button class="button button-primary" type="submit">${t('practices.page.addTheme')}</button>
      </form>` : nothing}
    </section>`;
  }

  private renderSources(page: PracticePage) {
    const linked = new Set(page.sources.map((s) => s.sourceId));
    const choices = this.sources.filter((s) => !linked.has(s.sourceId));
    return html`<section class="card stack" aria-labelledby="practice-sources-title">
      <h3 id="practice-sources-title">${t('practices.page.sources')}</h3>
      ${page.sources.length === 0 ? html`<p class="muted small">${t('practices.page.noSources')}</p>` : html`<ul class="practice-sources">
        ${page.sources.map((s) => html`<li><span>${s.citation}</span>
          ${this.canEdit ? html`<button class="button button-small button-quiet" aria-label="${t('practices.page.unlink')}: ${s.title}"
            @click=${() => this.act(() => practicesApi.unlinkSource(this.project.id, this.practiceId, s.sourceId))}>${t('practices.page.unlink')}</button>` : nothing}</li>`)}</ul>`}
      ${this.canEdit ? (this.sources.length === 0 ? html`<p class="hint">${t('practices.page.noSourceChoices')}</p>` : choices.length ? html`<form class="row align-end" @submit=${this.linkSource}>
        <label class="grow">${t('practices.page.chooseSource')}<select name="sourceId" required><option value="">…</option>
          ${choices.map((s) => html`<option value=${s.sourceId}>${s.citation.length > 140 ? `${s.citation.slice(0, 140)}…` : s.citation}</option>`)}</select></label>
        <button class="button" type="submit">${t('practices.page.linkSource')}</button></form>` : nothing) : nothing}
    </section>`;
  }

  override render() {
    if (this.error) return html`<p class="form-error" role="alert">${this.error}</p><a href="?view=records">${t('practices.back')}</a>`;
    const page = this.page;
    if (!page) return html`<p class="loading" aria-busy="true">${t('practices.page.loading')}</p>`;
    const r = page.record;
    return html`<div class="stack practice-page">
      <a class="small" href="?view=records">← ${t('practices.back')}</a>
      <div class="row spread">
        <div><h2>${r.name}</h2><p class="muted">${placeLabel(r)}${r.organisation ? ` · ${r.organisation}` : ''}</p></div>
        <div class="row"><span class="badge rating-${r.evidenceRating ?? 'none'}">${ratingLabel(r)}</span><span class="badge badge-quiet">${evaluationLabel(r)}</span>
          ${this.canEdit && !this.editing ? html`<button class="button" @click=${() => { this.editing = true; }}>${t('practices.edit')}</button>` : nothing}</div>
      </div>
      ${this.editing ? html`<practice-editor .project=${this.project} .record=${r} @editor-closed=${() => { this.editing = false; }}
        @practice-saved=${() => { this.editing = false; void this.load(); this.dispatchEvent(new CustomEvent('practice-changed', { bubbles: true })); }}></practice-editor>` : nothing}
      <div class="practice-page-grid">
        <div class="stack">${this.renderThemes(page)}</div>
        <div class="stack">${this.renderDetails(page)}${this.renderSources(page)}</div>
      </div>
    </div>`;
  }
}
customElements.define('practice-record-page', PracticeRecordPage);
