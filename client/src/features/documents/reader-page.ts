import { html, nothing } from 'lit';
import { attributesApi, documentsApi } from '../../api/documents';
import { projectsApi } from '../../api/projects';
import type { AttributeDefinition, DocumentDetail, Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { formatDate, formatMediaTime, formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import './document-attributes-panel';
import { speakerColor } from './speaker-colors';
import './speakers-panel';

/**
 * The reading view: a transcript by speaker turn (names in colour, media times, long-form
 * typography), with its speakers and attributes beside it. `j`/`k` (or ↓/↑) move between turns.
 */
export class ReaderPage extends LightElement {
  static override properties = {
    user: { attribute: false }, documentId: { attribute: false },
    doc: { state: true }, project: { state: true }, definitions: { state: true }, error: { state: true },
  };
  declare user: User;
  declare documentId: string;
  declare doc: DocumentDetail | null;
  declare project: Project | null;
  declare definitions: AttributeDefinition[];
  declare error: string;

  constructor() {
    super();
    this.doc = null;
    this.project = null;
    this.definitions = [];
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('documentId')) void this.load();
  }

  private async load() {
    this.doc = null;
    this.error = '';
    try {
      const doc = await documentsApi.get(this.documentId);
      const [project, attributes] = await Promise.all([projectsApi.get(doc.projectId), attributesApi.list(doc.projectId)]);
      this.project = project;
      this.definitions = attributes.attributes;
      this.doc = doc;
      document.title = `${doc.name} — SOCPREV Workbench`;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const step = event.key === 'j' || event.key === 'ArrowDown' ? 1 : event.key === 'k' || event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    const turns = Array.from(this.querySelectorAll<HTMLElement>('.turn'));
    const current = turns.indexOf(document.activeElement as HTMLElement);
    const next = turns[Math.min(turns.length - 1, Math.max(0, current + step))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  private renderTurns(doc: DocumentDetail) {
    const speakers = new Map(doc.speakers.map((s) => [s.id, s]));
    return doc.turns.map((turn, index) => {
      const speaker = turn.speakerId ? speakers.get(turn.speakerId) : undefined;
      return html`<div class="turn ${speaker ? `role-${speaker.role}` : 'no-speaker'}" tabindex="-1" data-turn=${index}
        style="--speaker-color: ${speakerColor(doc.speakers, turn.speakerId)}" aria-label=${speaker ? t('reader.turnBy', { name: speaker.name }) : t('reader.paragraph')}>
        ${speaker
          ? html`<div class="turn-speaker"><span class="name">${speaker.name}</span>
              ${turn.mediaStartMs !== null ? html`<span class="time">${formatMediaTime(turn.mediaStartMs)}</span>` : nothing}</div>`
          : nothing}
        <p class="turn-text" data-start=${turn.start}>${doc.text.slice(turn.start, turn.end)}</p>
      </div>`;
    });
  }

  override render() {
    if (this.error) return html`<section class="page narrow"><h1>${t('reader.unavailable')}</h1><p class="form-error">${this.error}</p><p><a href="/">${t('shell.backToProjects')}</a></p></section>`;
    const doc = this.doc;
    const project = this.project;
    if (!doc || !project) return html`<p class="loading page" aria-busy="true">${t('common.loading')}</p>`;
    const canEdit = roleAtLeast(project.role, 'lead');
    return html`<section class="page">
      <nav class="breadcrumbs" aria-label=${t('shell.breadcrumbs')}>
        <a href="/">${t('shell.projects')}</a> <span aria-hidden="true">›</span>
        <a href="/projects/${project.id}/documents">${project.name}</a> <span aria-hidden="true">›</span>
      </nav>
      <div class="page-header">
        <div>
          <h1>${doc.name}</h1>
          <p class="muted small">${t('reader.meta', { file: doc.fileName, words: formatNumber(doc.wordCount), turns: formatNumber(doc.turnCount), date: formatDate(doc.createdAt) })}
            · <a href="/api/documents/${doc.id}/original" download>${t('reader.downloadOriginal')}</a></p>
        </div>
      </div>
      <div class="reader">
        <article class="reader-text" tabindex="0" aria-label=${t('reader.transcript')} @keydown=${this.onKeydown}>
          ${doc.turns.length === 0 ? html`<p class="muted">${t('reader.noText')}</p>` : this.renderTurns(doc)}
        </article>
        <aside class="reader-side" aria-label=${t('reader.details')}>
          <speakers-panel .doc=${doc} .canEdit=${canEdit} @document-changed=${(e: CustomEvent<DocumentDetail>) => (this.doc = e.detail)}></speakers-panel>
          <document-attributes-panel .doc=${doc} .definitions=${this.definitions} .canEdit=${canEdit}
            @document-changed=${(e: CustomEvent<DocumentDetail>) => (this.doc = e.detail)}></document-attributes-panel>
          <p class="hint">${t('reader.keyboardHint')}</p>
        </aside>
      </div>
    </section>`;
  }
}
customElements.define('reader-page', ReaderPage);
