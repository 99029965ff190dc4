import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { documentsApi } from '../../api/documents';
import type { DocumentDetail, Speaker, SpeakerRole } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { speakerColor } from './speaker-colors';

const ROLES: SpeakerRole[] = ['interviewer', 'respondent', 'other'];

/** A document's speakers with their colour and role; leads rename them and correct the guessed role. */
export class SpeakersPanel extends LightElement {
  static override properties = { doc: { attribute: false }, canEdit: { attribute: false } };
  declare doc: DocumentDetail;
  declare canEdit: boolean;

  private async save(speaker: Speaker, changes: { name?: string; role?: SpeakerRole }) {
    if (changes.name !== undefined && (changes.name.trim() === '' || changes.name.trim() === speaker.name)) return;
    try {
      const doc = await documentsApi.updateSpeaker(this.doc.id, speaker.id, changes);
      this.emit('document-changed', doc);
      notify(t('speakers.saved', { name: doc.speakers.find((s) => s.id === speaker.id)?.name ?? speaker.name }), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  override render() {
    const speakers = this.doc.speakers;
    return html`<section class="card side-section" aria-labelledby="speakers-title">
      <h2 id="speakers-title">${t('speakers.title')}</h2>
      ${speakers.length === 0 ? html`<p class="muted small">${t('speakers.none')}</p>` : nothing}
      ${speakers.map((s) => this.canEdit
        ? html`<div class="speaker-row" style=${styleMap({ '--speaker-color': speakerColor(speakers, s.id) })}>
            <label class="inline"><span class="speaker-swatch" aria-hidden="true"></span><span class="visually-hidden">${t('speakers.nameOf', { name: s.name })}</span>
              <input .value=${s.name} maxlength="200" @change=${(e: Event) => this.save(s, { name: (e.target as HTMLInputElement).value })} /></label>
            <label><span class="visually-hidden">${t('speakers.roleOf', { name: s.name })}</span>
              <select @change=${(e: Event) => this.save(s, { role: (e.target as HTMLSelectElement).value as SpeakerRole })}>
                ${ROLES.map((r) => html`<option value=${r} ?selected=${r === s.role}>${t(`speakerRoles.${r}`)}</option>`)}
              </select></label>
          </div>`
        : html`<p style=${styleMap({ '--speaker-color': speakerColor(speakers, s.id) })}><span class="speaker-swatch" aria-hidden="true"></span>${s.name}
            <span class="muted small">— ${t(`speakerRoles.${s.role}`)}, ${t('speakers.turns', { count: s.turnCount ?? 0 })}</span></p>`)}
      ${this.canEdit && speakers.length > 0 ? html`<p class="hint">${t('speakers.roleHint')}</p>` : nothing}
    </section>`;
  }
}
customElements.define('speakers-panel', SpeakersPanel);
