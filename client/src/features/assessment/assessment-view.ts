import { html } from 'lit';
import { assessmentApi, type CriteriaMatrix, type Criterion, type ReportFilters, type ThemeMatrix } from '../../api/assessment';
import { codesApi } from '../../api/codes';
import type { Code, Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { roleAtLeast } from '../../../../server/shared/roles';
import './assessment-filters';
import './assessment.css';
import { refreshOnChanges } from './live-refresh';
import './criteria-editor';
import './criteria-matrix';
import './theme-matrix';

/** The assessment protocol: criteria, the practice × criterion matrix (scoring) and the practice × theme matrix, with shared filters. */
export class AssessmentView extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false }, filters: { state: true }, criteria: { state: true }, codes: { state: true },
    matrix: { state: true }, themes: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare filters: ReportFilters;
  declare criteria: Criterion[];
  declare codes: Code[];
  declare matrix: CriteriaMatrix | null;
  declare themes: ThemeMatrix | null;
  private loads = 0;
  private stopLive?: () => void;

  constructor() {
    super();
    this.filters = {};
    this.criteria = [];
    this.codes = [];
    this.matrix = null;
    this.themes = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void codesApi.list(this.project.id).then((r) => (this.codes = r.codes)).catch((error) => notify((error as Error).message, 'error'));
    void this.load();
    this.stopLive = refreshOnChanges(this.project.id, () => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
  }

  /** Reloads criteria and both matrices; an older answer never overwrites a newer one. */
  private async load() {
    const ticket = ++this.loads;
    try {
      const [criteria, matrix, themes] = await Promise.all([
        assessmentApi.criteria(this.project.id), assessmentApi.matrix(this.project.id, this.filters), assessmentApi.themes(this.project.id, this.filters),
      ]);
      if (ticket !== this.loads) return;
      this.criteria = criteria.criteria;
      this.matrix = matrix;
      this.themes = themes;
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  override render() {
    const canEdit = roleAtLeast(this.project.role, 'coder');
    return html`<div class="stack assessment-view">
      <assessment-filters .filters=${this.filters} @filters-change=${(e: CustomEvent<ReportFilters>) => { this.filters = e.detail; void this.load(); }}></assessment-filters>
      <criteria-editor .project=${this.project} .criteria=${this.criteria} .codes=${this.codes} ?canEdit=${canEdit} @criteria-changed=${() => this.load()}></criteria-editor>
      <criteria-matrix .project=${this.project} .matrix=${this.matrix} .filters=${this.filters} ?canScore=${canEdit} @scores-changed=${() => this.load()}></criteria-matrix>
      <theme-matrix .project=${this.project} .matrix=${this.themes} .filters=${this.filters}></theme-matrix>
    </div>`;
  }
}
customElements.define('assessment-view', AssessmentView);
