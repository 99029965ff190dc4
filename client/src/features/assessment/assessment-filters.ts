import { html } from 'lit';
import type { ReportFilters } from '../../api/assessment';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

const CRIME_TYPES = ['economic_compulsive', 'systemic', 'psychopharmacological'] as const;
const REGIONS = ['flanders', 'wallonia', 'brussels', 'abroad'] as const;
const RATINGS = ['best_practice', 'promising', 'insufficient', 'not_effective'] as const;

/**
 * The filters shared by the matrices and the inventory: crime type, region and evidence rating.
 * Fires `filters-change` with the new filters as `detail`.
 */
export class AssessmentFilters extends LightElement {
  static override properties = { filters: { attribute: false } };
  declare filters: ReportFilters;

  constructor() {
    super();
    this.filters = {};
  }

  private set(key: keyof ReportFilters, value: string) {
    const next = { ...this.filters, [key]: value || undefined } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (!next[k]) delete next[k];
    this.dispatchEvent(new CustomEvent('filters-change', { detail: next as ReportFilters, bubbles: true }));
  }

  override render() {
    const select = (key: keyof ReportFilters, label: string, options: [string, string][]) => html`<label>${label}
      <select name=${key} @change=${(e: Event) => this.set(key, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.filters[key]}>${t('assessment.filters.any')}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[key] === value}>${text}</option>`)}
      </select></label>`;
    return html`<fieldset class="toolbar assessment-filters"><legend class="visually-hidden">${t('assessment.filters.label')}</legend>
      ${select('crimeType', t('assessment.filters.crimeType'), CRIME_TYPES.map((c) => [c, t(`assessment.crimeTypes.${c}`)]))}
      ${select('region', t('assessment.filters.region'), REGIONS.map((r) => [r, t(`assessment.regions.${r}`)]))}
      ${select('rating', t('assessment.filters.rating'), [...RATINGS.map((r): [string, string] => [r, t(`assessment.ratings.${r}`)]), ['unrated', t('assessment.filters.unrated')]])}
    </fieldset>`;
  }
}
customElements.define('assessment-filters', AssessmentFilters);
