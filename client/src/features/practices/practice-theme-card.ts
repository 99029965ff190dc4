import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { type PracticePage, practicesApi } from '../../api/practices';
import type { Project, RetrievedSegment } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';

type Theme = PracticePage['themes'][number];

/**
 * One theme of a practice record: the code, its note, its evidence quotes with respondent and a
 * link to the reader; coders edit the note, remove quotes, and pick new ones from the passages
 * coded with the code. Fires `page-updated` (detail: the new page data).
 */
export class PracticeThemeCard extends LightElement {
  static override properties = {
    project: { attribute: false }, practiceId: { attribute: false }, theme: { attribute: false }, canEdit: { attribute: false },
    editingNote: { state: true }, passages: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare practiceId: string;
  declare theme: Theme;
  declare canEdit: boolean;
  declare editingNote: boolean;
  /** Coded passages offered as evidence (null while the chooser is closed). */
  declare passages: RetrievedSegment[] | null;
  declare busy: boolean;

  constructor() {
    super();
    this.editingNote = false;
    this.passages = null;
    this.busy = false;
  }

  private async run(action: () => Promise<PracticePage>) {
    this.busy = true;
    try {
      const page = await action();
      this.dispatchEvent(new CustomEvent('page-updated', { detail: page, bubbles: true }));
      return true;
    } catch (error) {
      notify((error as Error).message, 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async saveNote(event: SubmitEvent) {
    event.preventDefault();
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '');
    if (await this.run(() => practicesApi.updateTheme(this.project.id, this.practiceId, this.theme.linkId, note))) this.editingNote = false;
  }

  private async removeTheme() {
    const ok = await confirmAction({ title: t('practices.page.removeThemeTitle'), message: t('practices.page.removeThemeMessage', { name: this.theme.codeName }), confirmLabel: t('practices.page.removeTheme'), danger: true });
    if (ok) await this.run(() => practicesApi.removeTheme(this.project.id, this.practiceId, this.theme.linkId));
  }

  private async openChooser() {
    if (this.passages) { this.passages = null; return; }
    try {
      this.passages = (await codesApi.segments(this.project.id, this.theme.codeId)).segments;
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async addEvidence(segmentId: string, input: HTMLInputElement | null) {
    await this.run(() => practicesApi.addEvidence(this.project.id, this.practiceId, this.theme.linkId, segmentId, input?.value ?? ''));
  }

  private renderChooser(passages: RetrievedSegment[]) {
    // Two coders may have coded the same words: offer each passage once.
    const where = (p: { documentId: string; start: number; end: number }) => `${p.documentId}:${p.start}:${p.end}`;
    const used = new Set(this.theme.evidence.flatMap((e) => [e.segmentId, where(e)]));
    const seen = new Set<string>();
    passages = passages.filter((p) => !seen.has(where(p)) && !!seen.add(where(p)));
    return html`<section class="practice-chooser stack" aria-label=${t('practices.page.choosePassages', { name: this.theme.codeName })}>
      <h4>${t('practices.page.choosePassages', { name: this.theme.codeName })}</h4>
      ${passages.length === 0 ? html`<p class="muted small">${t('practices.page.noPassages')}</p>` : html`<ul class="practice-passages">
        ${passages.map((p) => html`<li class="practice-passage">
          <blockquote>${p.quote}</blockquote>
          <div class="small muted">${p.documentName}${p.speaker ? ` · ${p.speaker}` : ''}</div>
          ${used.has(p.segmentId) || used.has(where(p)) ? html`<span class="badge badge-quiet">${t('practices.page.alreadyEvidence')}</span>` : html`<div class="row">
            <input class="grow" id="note-${p.segmentId}" aria-label=${t('practices.page.evidenceNote')} placeholder=${t('practices.page.evidenceNote')} maxlength="5000" />
            <button class="button button-small button-primary" ?disabled=${this.busy}
              @click=${() => this.addEvidence(p.segmentId, this.querySelector<HTMLInputElement>(`#note-${CSS.escape(p.segmentId)}`))}>${t('practices.page.useAsEvidence')}</button></div>`}
        </li>`)}</ul>`}
      <button class="button button-small" @click=${() => { this.passages = null; }}>${t('practices.page.done')}</button>
    </section>`;
  }

  override render() {
    const th = this.theme;
    return html`<article class="card stack practice-theme" aria-labelledby="theme-${th.linkId}">
      <div class="row spread">
        <h3 id="theme-${th.linkId}"><span class="swatch" style="background:${th.color}" aria-hidden="true"></span> ${th.codeName}
          ${th.codePath.includes(' > ') ? html`<span class="code-parents">${th.codePath.split(' > ').slice(0, -1).join(' › ')}</span>` : nothing}</h3>
        <span class="muted small">${t('practices.page.evidence', { count: th.evidence.length })}</span>
      </div>
      ${this.editingNote
        ? html`<form class="stack" @submit=${this.saveNote}><label>${t('practices.page.themeNote')}<textarea name="note" rows="2" maxlength="5000" .value=${th.note}></textarea></label>
            <div class="row"><button class="button button-small button-primary" type="submit" ?disabled=${this.busy}>${t('practices.page.saveNote')}</button>
            <button class="button button-small" type="button" @click=${() => { this.editingNote = false; }}>${t('common.cancel')}</button></div></form>`
        : th.note ? html`<p class="preserve-lines">${th.note}</p>` : nothing}
      ${th.evidence.length === 0 ? html`<p class="muted small">${t('practices.page.noEvidence')}</p>` : html`<ul class="practice-evidence">
        ${th.evidence.map((e) => html`<li>
          <blockquote class=${e.status === 'orphaned' ? 'orphaned' : ''}>${e.text}</blockquote>
          <div class="small muted">
            <a href=${e.readerUrl}>${e.documentName}</a> · ${t(`practices.page.respondentGroups.${e.respondentGroup}`)}${e.speaker ? ` · ${e.speaker}` : ''}
            ${e.status === 'orphaned' ? html` · <span class="badge badge-warn" title=${t('practices.page.orphaned')}>!</span>` : nothing}
          </div>
          ${e.note ? html`<p class="small">${e.note}</p>` : nothing}
          ${this.canEdit ? html`<button class="button button-small button-quiet" ?disabled=${this.busy} aria-label="${t('practices.page.removeEvidence')}: ${e.text.slice(0, 40)}"
            @click=${() => this.run(() => practicesApi.removeEvidence(this.project.id, this.practiceId, th.linkId, e.evidenceId))}>${t('practices.page.removeEvidence')}</button>` : nothing}
        </li>`)}</ul>`}
      ${this.canEdit ? html`<div class="row">
        <button class="button button-small" aria-expanded=${this.passages !== null} @click=${this.openChooser}>${t('practices.page.addEvidence')}</button>
        ${this.editingNote ? nothing : html`<button class="button button-small" @click=${() => { this.editingNote = true; }}>${t('practices.page.editNote')}</button>`}
        <button class="button button-small button-danger" @click=${this.removeTheme}>${t('practices.page.removeTheme')}</button></div>` : nothing}
      ${this.passages ? this.renderChooser(this.passages) : nothing}
    </article>`;
  }
}
customElements.define('practice-theme-card', PracticeThemeCard);
