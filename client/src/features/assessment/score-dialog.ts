import { html, nothing } from 'lit';
import { type Assessment, assessmentApi, type Criterion, SCORE_SYMBOLS, SCORES, type Score } from '../../api/assessment';
import { codesApi } from '../../api/codes';
import { practicesApi } from '../../api/practices';
import type { Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';

interface Choice { segmentId: string; documentId: string; start: number; end: number; quote: string; documentName: string; speaker: string | null }

/** The same words coded by two coders are two segments: show them once. */
const spot = (c: { documentId: string; start: number; end: number }) => `${c.documentId}:${c.start}:${c.end}`;
interface Target { practiceId: string; practiceName: string; criterion: Criterion }

/**
 * One practice × criterion cell in a modal dialog: the score, a note, and evidence passages picked
 * from the passages coded with the criterion's code or from the practice's theme evidence.
 * Fires `scores-changed` after every change.
 */
export class ScoreDialog extends LightElement {
  static override properties = {
    project: { attribute: false }, canScore: { type: Boolean }, target: { state: true }, cell: { state: true },
    fromCode: { state: true }, fromPractice: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare canScore: boolean;
  declare target: Target | null;
  declare cell: Assessment | null;
  declare fromCode: Choice[];
  declare fromPractice: Choice[];
  declare busy: boolean;

  constructor() {
    super();
    this.canScore = false;
    this.target = null;
    this.cell = null;
    this.fromCode = [];
    this.fromPractice = [];
    this.busy = false;
  }

  /** Opens the dialog on a cell and loads its score, evidence and the passages to choose from. */
  async open(target: Target) {
    this.target = target;
    this.cell = null;
    this.fromCode = [];
    this.fromPractice = [];
    await this.updateComplete;
    this.querySelector('dialog')!.showModal();
    const pid = this.project.id;
    try {
      const [cell, coded, page] = await Promise.all([
        assessmentApi.score(pid, target.practiceId, target.criterion.id),
        target.criterion.codeId ? codesApi.segments(pid, target.criterion.codeId) : Promise.resolve({ segments: [] }),
        practicesApi.page(pid, target.practiceId).catch(() => null),
      ]);
      this.cell = cell;
      this.fromCode = coded.segments.filter((s) => s.status === 'anchored').map((s) => ({ segmentId: s.segmentId, documentId: s.documentId, start: s.start, end: s.end, quote: s.quote, documentName: s.documentName, speaker: s.speaker }));
      this.fromPractice = (page?.themes ?? []).flatMap((th) => th.evidence.map((e) => ({ segmentId: e.segmentId, documentId: e.documentId, start: e.start, end: e.end, quote: e.text, documentName: e.documentName, speaker: e.speaker })));
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private close() {
    this.querySelector('dialog')?.close();
  }

  private async act(action: () => Promise<Assessment | void>) {
    if (!this.target) return;
    this.busy = true;
    try {
      const result = await action();
      this.cell = result ?? await assessmentApi.score(this.project.id, this.target.practiceId, this.target.criterion.id);
      this.dispatchEvent(new CustomEvent('scores-changed', { bubbles: true }));
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const score = data.get('score') as Score | null;
    if (!score || !this.target) return;
    const { practiceId, criterion } = this.target;
    void this.act(() => assessmentApi.setScore(this.project.id, practiceId, criterion.id, score, String(data.get('note') ?? '')));
  }

  private async clear() {
    if (!this.target || !(await confirmAction({ title: t('assessment.cell.clearTitle'), message: t('assessment.cell.clearMessage'), confirmLabel: t('assessment.cell.clear'), danger: true }))) return;
    const { practiceId, criterion } = this.target;
    await this.act(() => assessmentApi.clearScore(this.project.id, practiceId, criterion.id));
  }

  private renderChoices(title: string, choices: Choice[]) {
    const seen = new Set(this.cell?.evidence.map(spot));
    const unique = choices.filter((c) => !seen.has(spot(c)) && seen.add(spot(c)));
    return html`<details class="score-choices"><summary>${title} (${unique.length})</summary>
      ${unique.length === 0 ? html`<p class="muted small">${t('assessment.cell.noPassages')}</p>` : html`<ul class="score-passages">${unique.slice(0, 200).map((c) => html`<li>
        <blockquote>${c.quote}</blockquote>
        <div class="passage-foot small"><span class="muted">${t('assessment.cell.respondent', { speaker: c.speaker ?? t('assessment.cell.unknownSpeaker'), document: c.documentName })}</span>
          <button class="button button-small" ?disabled=${this.busy} @click=${() => this.act(() => assessmentApi.addEvidence(this.project.id, this.target!.practiceId, this.target!.criterion.id, c.segmentId, (this.querySelector<HTMLInputElement>('#score-evidence-note')?.value ?? '').trim()))}>${t('assessment.cell.addEvidence')}</button></div>
      </li>`)}</ul>`}</details>`;
  }

  private renderBody(cell: Assessment, target: Target) {
    const editable = this.canScore;
    return html`<form class="stack" @submit=${this.save}>
        <fieldset class="score-radios" ?disabled=${!editable}><legend>${t('assessment.cell.score')}</legend>
          ${SCORES.map((s) => html`<label class="score-radio score-${s}"><input type="radio" name="score" value=${s} ?checked=${cell.score === s} required />
            <span aria-hidden="true">${SCORE_SYMBOLS[s]}</span> ${t(`assessment.scores.${s}`)}</label>`)}
        </fieldset>
        <label for="score-note">${t('assessment.cell.note')}</label>
        <textarea id="score-note" name="note" rows="3" maxlength="10000" ?readonly=${!editable} .value=${cell.note}></textarea>
        ${editable ? html`<div class="row"><button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('assessment.cell.save')}</button>
          ${cell.id ? html`<button class="button button-danger" type="button" ?disabled=${this.busy} @click=${() => this.clear()}>${t('assessment.cell.clear')}</button>` : nothing}</div>` : nothing}
      </form>
      <h3>${t('assessment.cell.evidence')}</h3>
      ${cell.evidence.length === 0 ? html`<p class="muted small">${t('assessment.cell.noEvidence')}</p>` : html`<ul class="score-passages">${cell.evidence.map((e) => html`<li>
        <blockquote>${e.quote}</blockquote>
        <div class="passage-foot small"><span class="muted">${t('assessment.cell.respondent', { speaker: e.speaker ?? t('assessment.cell.unknownSpeaker'), document: e.documentName })}${e.note ? html` · <em>${e.note}</em>` : nothing}</span>
          ${editable ? html`<button class="button button-small" ?disabled=${this.busy} @click=${() => this.act(() => assessmentApi.removeEvidence(this.project.id, target.practiceId, target.criterion.id, e.id))}>${t('assessment.cell.removeEvidence')}</button>` : nothing}</div>
      </li>`)}</ul>`}
      ${!editable ? nothing : !cell.id ? html`<p class="hint">${t('assessment.cell.scoreFirst')}</p>` : html`
        <label for="score-evidence-note">${t('assessment.cell.evidenceNote')}</label><input id="score-evidence-note" maxlength="2000" />
        ${target.criterion.codeId ? this.renderChoices(t('assessment.cell.fromCode', { code: target.criterion.codeName ?? '' }), this.fromCode) : nothing}
        ${this.renderChoices(t('assessment.cell.fromPractice'), this.fromPractice)}`}`;
  }

  override render() {
    const target = this.target;
    return html`<dialog class="dialog score-dialog" aria-labelledby="score-dialog-title" @close=${() => (this.target = null)}>
      ${target ? html`<h2 id="score-dialog-title">${t('assessment.cell.title', { practice: target.practiceName, criterion: target.criterion.name })}</h2>
        ${target.criterion.description ? html`<p class="small muted preserve-lines">${target.criterion.description}</p>` : nothing}
        ${this.cell ? this.renderBody(this.cell, target) : html`<p class="loading">${t('common.loading')}</p>`}` : nothing}
      <div class="dialog-actions"><button class="button" type="button" @click=${() => this.close()}>${t('common.close')}</button></div>
    </dialog>`;
  }
}
customElements.define('score-dialog', ScoreDialog);
