import { html, nothing } from 'lit';
import { ApiError } from '../../api/http';
import {
  CRIME_TYPES, type CrimeType, EVALUATION_STATUSES, EVIDENCE_RATINGS, type Practice, type PracticeInput, practicesApi, REGIONS, SMS_STATUSES,
} from '../../api/practices';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { problemText } from './practice-labels';

type Values = Required<PracticeInput>;

const EMPTY: Values = {
  name: '', description: '', municipality: '', region: 'flanders', country: '', language: '', organisation: '', targetGroup: '', crimeTypes: [],
  interventionType: '', workingMechanisms: '', periodStart: null, periodEnd: null, budgetEur: null, costNotes: '', evaluationStatus: 'none',
  smsLevel: null, evidenceRating: null, recordSource: '',
};

/**
 * The add/edit form of a practice record, with every field. Country only for projects abroad,
 * the SMS level only for outcome and impact evaluations. Fires `practice-saved` (detail: the
 * record) and `editor-closed`.
 */
export class PracticeEditor extends LightElement {
  static override properties = { project: { attribute: false }, record: { attribute: false }, values: { state: true }, problems: { state: true }, error: { state: true }, busy: { state: true } };
  declare project: Project;
  declare record: Practice | null;
  declare values: Values;
  declare problems: Record<string, string>;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.record = null;
    this.values = { ...EMPTY };
    this.problems = {};
    this.error = '';
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('record')) {
      const { id: _i, codes: _c, sourceIds: _s, createdAt: _a, updatedAt: _u, ...fields } = this.record ?? { ...EMPTY, id: '', codes: [], sourceIds: [], createdAt: '', updatedAt: '' };
      this.values = { ...EMPTY, ...fields };
      this.problems = {};
      this.error = '';
    }
  }

  override firstUpdated() {
    this.querySelector<HTMLInputElement>('#practice-name')?.focus();
  }

  private set<K extends keyof Values>(key: K, value: Values[K]) {
    this.values = { ...this.values, [key]: value };
  }

  private toggleCrimeType(type: CrimeType, on: boolean) {
    const set = new Set(this.values.crimeTypes);
    if (on) set.add(type); else set.delete(type);
    this.set('crimeTypes', CRIME_TYPES.filter((c) => set.has(c)));
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const v = this.values;
    const body: Values = {
      ...v, country: v.region === 'abroad' ? v.country : '', smsLevel: SMS_STATUSES.includes(v.evaluationStatus) ? v.smsLevel : null,
      periodStart: v.periodStart?.trim() || null, periodEnd: v.periodEnd?.trim() || null,
    };
    this.busy = true;
    this.problems = {};
    this.error = '';
    try {
      const saved = this.record ? await practicesApi.update(this.project.id, this.record.id, body) : await practicesApi.create(this.project.id, body);
      notify(t('practices.saved', { name: saved.name }), 'success');
      this.dispatchEvent(new CustomEvent('practice-saved', { detail: saved, bubbles: true }));
    } catch (error) {
      const problems = error instanceof ApiError ? (error.details as { problems?: { field: string; code: string; message: string }[] } | undefined)?.problems : undefined;
      if (problems?.length) {
        this.problems = Object.fromEntries(problems.map((p) => [p.field, problemText({ ...p, value: String(v[p.field as keyof Values] ?? '') })]));
      } else this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private close() {
    this.dispatchEvent(new CustomEvent('editor-closed', { bubbles: true }));
  }

  /** A labelled text input or textarea bound to a field, with its problem under it. */
  private text(key: 'name' | 'description' | 'municipality' | 'country' | 'language' | 'organisation' | 'targetGroup' | 'interventionType' | 'workingMechanisms' | 'costNotes' | 'recordSource' | 'periodStart' | 'periodEnd',
    options: { area?: boolean; hint?: string; required?: boolean; max?: number } = {}) {
    const id = `practice-${key}`;
    const problem = this.problems[key];
    const described = [options.hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || nothing;
    const value = (this.values[key] as string | null) ?? '';
    const input = (e: Event) => this.set(key, (e.target as HTMLInputElement).value as never);
    return html`<label for=${id}>${t(`practices.fields.${key}`)}${options.required ? ' *' : ''}</label>
      ${options.area
        ? html`<textarea id=${id} rows="3" .value=${value} maxlength=${options.max ?? 20000} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} @input=${input}></textarea>`
        : html`<input id=${id} .value=${value} maxlength=${options.max ?? 300} ?required=${options.required} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} @input=${input} />`}
      ${options.hint ? html`<span id="${id}-hint" class="hint">${options.hint}</span>` : nothing}
      ${problem ? html`<span id="${id}-problem" class="form-error">${problem}</span>` : nothing}`;
  }

  override render() {
    const v = this.values;
    const showSms = SMS_STATUSES.includes(v.evaluationStatus);
    return html`<form class="card stack practice-editor" novalidate @submit=${this.save} aria-labelledby="practice-editor-title"
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.close(); }}>
      <h2 id="practice-editor-title">${this.record ? t('practices.editTitle', { name: this.record.name }) : t('practices.newTitle')}</h2>
      <div class="practice-form-grid">
        <fieldset class="field-grid"><legend>${t('practices.sections.identity')}</legend>
          ${this.text('name', { required: true })}
          ${this.text('municipality', { max: 200 })}
          <label for="practice-region">${t('practices.fields.region')} *</label>
          <select id="practice-region" @change=${(e: Event) => this.set('region', (e.target as HTMLSelectElement).value as Values['region'])}>
            ${REGIONS.map((r) => html`<option value=${r} ?selected=${v.region === r}>${t(`practices.regions.${r}`)}</option>`)}</select>
          ${v.region === 'abroad' || this.problems.country ? this.text('country', { required: v.region === 'abroad', max: 100 }) : nothing}
          ${this.text('language', { hint: t('practices.fields.languageHint'), max: 100 })}
          ${this.text('organisation')}
          ${this.text('recordSource', { hint: t('practices.fields.recordSourceHint'), max: 1000 })}
        </fieldset>
        <fieldset class="field-grid"><legend>${t('practices.sections.content')}</legend>
          <fieldset class="practice-crime-types" aria-describedby=${this.problems.crimeTypes ? 'practice-crimeTypes-problem' : nothing}>
            <legend>${t('practices.fields.crimeTypes')} *</legend>
            ${CRIME_TYPES.map((c) => html`<label class="inline"><input type="checkbox" name="crimeTypes" value=${c} .checked=${v.crimeTypes.includes(c)}
              @change=${(e: Event) => this.toggleCrimeType(c, (e.target as HTMLInputElement).checked)} /> ${t(`practices.crimeTypes.${c}`)}</label>`)}
            ${this.problems.crimeTypes ? html`<span id="practice-crimeTypes-problem" class="form-error">${this.problems.crimeTypes}</span>` : nothing}
          </fieldset>
          ${this.text('targetGroup', { area: true, max: 2000 })}
          ${this.text('interventionType')}
          ${this.text('description', { area: true })}
          ${this.text('workingMechanisms', { area: true })}
        </fieldset>
        <fieldset class="field-grid"><legend>${t('practices.sections.evaluation')}</legend>
          <div class="row">
            <span class="stack">${this.text('periodStart', { max: 10 })}</span>
            <span class="stack">${this.text('periodEnd', { max: 10 })}</span>
          </div>
          <span class="hint practice-period-hint">${t('practices.fields.periodHint')}</span>
          <label for="practice-budget">${t('practices.fields.budgetEur')}</label>
          <input id="practice-budget" type="number" min="0" step="0.01" .value=${v.budgetEur === null ? '' : String(v.budgetEur)}
            @input=${(e: Event) => { const s = (e.target as HTMLInputElement).value; this.set('budgetEur', s === '' ? null : Number(s)); }} />
          ${this.problems.budgetEur ? html`<span class="form-error">${this.problems.budgetEur}</span>` : nothing}
          ${this.text('costNotes', { area: true, max: 10000 })}
          <label for="practice-evaluation">${t('practices.fields.evaluationStatus')}</label>
          <select id="practice-evaluation" @change=${(e: Event) => this.set('evaluationStatus', (e.target as HTMLSelectElement).value as Values['evaluationStatus'])}>
            ${EVALUATION_STATUSES.map((s) => html`<option value=${s} ?selected=${v.evaluationStatus === s}>${t(`practices.evaluationStatuses.${s}`)}</option>`)}</select>
          ${showSms ? html`<label for="practice-sms">${t('practices.fields.smsLevel')}</label>
            <select id="practice-sms" aria-describedby="practice-sms-hint" @change=${(e: Event) => { const s = (e.target as HTMLSelectElement).value; this.set('smsLevel', s ? Number(s) : null); }}>
              <option value="" ?selected=${v.smsLevel === null}>${t('practices.fields.smsUnknown')}</option>
              ${[1, 2, 3, 4, 5].map((n) => html`<option value=${n} ?selected=${v.smsLevel === n}>${n}</option>`)}</select>
            <span id="practice-sms-hint" class="hint">${t('practices.fields.smsHint')}</span>` : nothing}
          ${this.problems.smsLevel ? html`<span class="form-error">${this.problems.smsLevel}</span>` : nothing}
          <label for="practice-rating">${t('practices.fields.evidenceRating')}</label>
          <select id="practice-rating" @change=${(e: Event) => { const s = (e.target as HTMLSelectElement).value; this.set('evidenceRating', s ? s as Values['evidenceRating'] : null); }}>
            <option value="" ?selected=${v.evidenceRating === null}>${t('practices.unrated')}</option>
            ${EVIDENCE_RATINGS.map((r) => html`<option value=${r} ?selected=${v.evidenceRating === r}>${t(`practices.ratings.${r}`)}</option>`)}</select>
        </fieldset>
      </div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('common.working') : t('common.save')}</button>
        <button class="button" type="button" @click=${this.close}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }
}
customElements.define('practice-editor', PracticeEditor);
