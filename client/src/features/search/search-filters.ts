import { html, nothing } from 'lit';
import type { SearchFilters } from '../../api/search';
import type { AttributeDefinition, Code, Member } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** The search filters: respondent group, language, speaker role, an attribute, a code (with/without), a coder. Event: `filters-changed`. */
export class SearchFiltersBar extends LightElement {
  static override properties = { filters: { attribute: false }, definitions: { attribute: false }, codes: { attribute: false }, members: { attribute: false } };
  declare filters: SearchFilters;
  declare definitions: AttributeDefinition[];
  declare codes: Code[];
  declare members: Member[];

  constructor() {
    super();
    this.filters = {};
    this.definitions = [];
    this.codes = [];
    this.members = [];
  }

  private set(changes: Partial<SearchFilters>) {
    this.emit('filters-changed', { ...this.filters, ...changes });
  }

  private select(label: string, value: string | undefined, options: [string, string][], onChange: (v: string) => void) {
    return html`<label>${label}<select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">${t('search.any')}</option>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select></label>`;
  }

  override render() {
    const f = this.filters;
    const attribute = this.definitions.find((d) => d.id === f.attributeId);
    return html`<div class="toolbar search-filters">
      ${this.select(t('documents.columns.group'), f.respondentGroup, [['international', t('groups.international')], ['belgian', t('groups.belgian')]], (v) => this.set({ respondentGroup: v }))}
      ${this.select(t('documents.columns.language'), f.language, ['nl', 'fr', 'en', 'other'].map((l) => [l, t(`languages.${l}`)]), (v) => this.set({ language: v }))}
      ${this.select(t('search.speakers'), f.role, [['respondent', t('search.respondentsOnly')], ['interviewer', t('search.interviewersOnly')]], (v) => this.set({ role: v }))}
      ${this.select(t('search.attribute'), f.attributeId, this.definitions.map((d) => [d.id, d.name]), (v) => this.set({ attributeId: v, attributeValue: '' }))}
      ${attribute
        ? attribute.type === 'choice'
          ? this.select(attribute.name, f.attributeValue, attribute.choices.map((c) => [c, c]), (v) => this.set({ attributeValue: v }))
          : html`<label>${attribute.name}<input .value=${f.attributeValue ?? ''} @change=${(e: Event) => this.set({ attributeValue: (e.target as HTMLInputElement).value })} /></label>`
        : nothing}
      ${this.select(t('search.documentsWith'), f.codeId, this.codes.map((c) => [c.id, c.name]), (v) => this.set({ codeId: v, codeMode: f.codeMode ?? 'with' }))}
      ${f.codeId ? this.select(t('search.codeMode'), f.codeMode, [['with', t('search.withCode')], ['without', t('search.withoutCode')]], (v) => this.set({ codeMode: (v || 'with') as 'with' })) : nothing}
      ${this.select(t('search.codedBy'), f.coderId, this.members.map((m) => [m.userId, m.name]), (v) => this.set({ coderId: v }))}
    </div>`;
  }
}
customElements.define('search-filters', SearchFiltersBar);
